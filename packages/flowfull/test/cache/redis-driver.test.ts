import { createCacheRedisClient, RedisDriver } from 'flowfull/cache';
import { describeWithService } from '#test-support/services.js';
// `flowfull/cache/testing` once package.json exports it.
import { runL2DriverSuite } from '../../src/cache/testing/index.js';
import { redisUrl } from './support.js';

describeWithService('redis', 'RedisDriver', () => {
  runL2DriverSuite({
    name: 'RedisDriver',
    createDriver: () =>
      new RedisDriver({ client: createCacheRedisClient(redisUrl), ownsClient: true, timeoutMs: 1_000 }),
  });
});
