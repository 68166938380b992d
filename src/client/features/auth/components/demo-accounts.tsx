import type { DemoUser } from '../../../../domain';
import { useDemoUsers } from '../api/session';

/** The demo's accounts and their password, shown on the sign-in page only while the demo is loaded. */
export function DemoAccounts({ onUse }: { onUse: (account: DemoUser) => void }) {
  const demo = useDemoUsers();
  const accounts = demo.data?.items ?? [];
  if (accounts.length === 0) return null;
  return (
    <section className="demo-accounts" aria-labelledby="demo-accounts-title">
      <h2 id="demo-accounts-title" className="section-title">
        Demo accounts
      </h2>
      <p className="muted">The demo data is loaded: sign in as one of these to see what each role may do.</p>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Username</th>
            <th scope="col">Role on demo</th>
            <th scope="col">Password</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => (
            <tr key={account.username}>
              <td className="mono">{account.username}</td>
              <td>{account.role}</td>
              <td className="mono">{account.password}</td>
              <td className="cell-actions">
                <button type="button" className="button button-small" onClick={() => onUse(account)}>
                  Use <span className="visually-hidden">{account.username}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
