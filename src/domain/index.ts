export * from './api-paths';
export * from './errors';
export * from './format';
export * from './manifest';
export * from './names';
export * from './schemas';
export * from './sha256';
export * from './validate';
