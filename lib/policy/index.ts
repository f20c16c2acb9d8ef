export * from './regions';
export * from './availability';
export * from './global-services';
export * from './options';
