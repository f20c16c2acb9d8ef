export * from './schema';
export * from './defaults';
export * from './config-error';
export * from './validate';
export * from './load';
export * from './naming';
