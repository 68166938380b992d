/**
 * How a collection's delete and restore take 100,000 versions without holding the event loop for
 * all of them: their statements take a chunk at a time, with a turn of the event loop between
 * chunks, inside the one transaction (decision 196). Kysely's SQLite driver queues other requests'
 * queries behind an open transaction, so nothing else reads or writes the store meanwhile and the
 * change stays all or nothing; what gets through are the requests that need no query of the
 * server's connection (health checks, the web app's files, the reader thread's figures).
 */
export const VERSIONS_PER_CHUNK = 5_000;

/** `collection_blobs` rows per chunk: a version has a few files, and each row is cheap to delete. */
export const BLOBS_PER_CHUNK = 20_000;
