export * from './currency';
export * from './errors';
export * from './location';
export * from './market';
export * from './points';
export * from './series';
export * from './series-memo';
export * from './forecast';
