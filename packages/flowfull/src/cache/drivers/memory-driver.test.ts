import { runL1DriverSuite } from '../testing/cache-driver-suite.js';
import { MemoryDriver } from './memory-driver.js';

runL1DriverSuite({ name: 'MemoryDriver', createDriver: (maxSize) => new MemoryDriver({ maxSize }) });
