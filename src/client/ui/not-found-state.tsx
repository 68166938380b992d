import { Link } from 'react-router';

/** Props of `NotFoundState`: what is missing, one sentence, and the nearest page that exists. */
export interface NotFoundStateProps {
  heading: string;
  message: string;
  back: { to: string; label: string };
}

/**
 * An address that names nothing: a calm page (no alert, no Retry that cannot help) with one way
 * back. One level-one heading, so it still says where the user is.
 */
export function NotFoundState({ heading, message, back }: NotFoundStateProps) {
  return (
    <div className="state state-not-found">
      <title>{`${heading} · Attic`}</title>
      <h1 className="workspace-title">{heading}</h1>
      <p>{message}</p>
      <p>
        <Link to={back.to}>{back.label}</Link>
      </p>
    </div>
  );
}
