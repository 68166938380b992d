/** Who the mocks act as: they start signed in as the site admin, so deletions are by `admin`, as on a server used by its admin. */
export const MOCK_ACTOR = 'admin';
