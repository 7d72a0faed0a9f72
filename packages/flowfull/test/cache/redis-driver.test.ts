import { createCacheRedisClient, RedisDriver } from 'flowfull/cache';
import { runL2DriverSuite } from 'flowfull/cache/testing';
import { describeWithService } from '#test-support/services.js';
import { redisUrl } from './support.js';

describeWithService('redis', 'RedisDriver', () => {
  runL2DriverSuite({
    name: 'RedisDriver',
    createDriver: () =>
      new RedisDriver({ client: createCacheRedisClient(redisUrl), ownsClient: true, timeoutMs: 1_000 }),
  });
});
