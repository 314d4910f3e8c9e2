export { createPortClient, userAgent, type PortClient, type PortClientSettings } from './client.js';
export type { PortEntity, EntityFailure, WriteResult, DeleteResult, SearchOptions } from './entities.js';
export type { PortCallStats } from './call-stats.js';
export type { ItemList } from './batch.js';
export type { Json } from './model-api.js';
