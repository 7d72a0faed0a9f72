/**
 * @module The vault service's entry point: configuration, services, app, and a server that shuts
 * down gracefully on SIGTERM/SIGINT.
 */
import { createServerLogger, type RunningServer, serve } from 'flowfull/server';
import { createVaultApp } from './app.js';
import { loadVaultConfig, withVaultDefaults } from './config.js';
import { createVaultServices } from './runtime/vault-services.js';

const config = loadVaultConfig(withVaultDefaults(process.env));
const logger = createServerLogger({ level: config.LOG_LEVEL, base: { service: 'vault' } });
const services = await createVaultServices(config, logger);
let running: RunningServer | undefined;
const app = createVaultApp(services, { draining: () => running?.closing ?? false });
running = await serve(app, {
  port: config.PORT,
  hostname: config.HOST,
  logger,
  onClose: () => services.close(),
});
logger.info({ url: running.url, database: config.DATABASE_TYPE }, 'vault listening');
