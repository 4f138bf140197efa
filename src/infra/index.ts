// Infrastructure behind interfaces: storage (store/) today; queues later (DESIGN.md).
export * from './store/index.js';
