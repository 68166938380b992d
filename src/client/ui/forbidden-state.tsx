import { Link } from 'react-router';

/** A page the signed-in user may not use: the heading still says where they are, the reason why not, one way back. */
export function ForbiddenState({ heading, reason }: { heading: string; reason: string }) {
  return (
    <div className="state state-forbidden">
      <h1 className="page-title">{heading}</h1>
      <p>{reason}</p>
      <p>
        <Link to="/">Go to the projects</Link>
      </p>
    </div>
  );
}
