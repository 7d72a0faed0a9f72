/**
 * @module `/admin/settings`: which modules are on and the effective configuration, secrets shown
 * only as "set" or "unset". Each view is recorded (`admin.configuration_viewed`): the page tells
 * how the server is defended.
 */
import type { Context } from 'hono';
import type { FlowlessEnv } from '../../../http/flowless-env.js';
import type { SessionRecord } from '../../../sessions/session-record.js';
import { type Column, DataTable } from '../../data-table.js';
import { recordAdminAction } from '../admin-audit.js';
import type { AdminRouter } from '../admin-router.js';
import { type ConfigurationRow, configurationRows } from './configuration-rows.js';
import { type ModuleState, moduleStates } from './module-states.js';

const MODULE_COLUMNS: readonly Column<ModuleState>[] = [
  { header: 'Module', rowHeader: true, cell: (module) => module.name },
  { header: 'State', cell: (module) => (module.on ? 'On' : 'Off') },
  { header: 'Details', cell: (module) => module.detail },
];

const CONFIGURATION_COLUMNS: readonly Column<ConfigurationRow>[] = [
  { header: 'Variable', rowHeader: true, cell: (row) => <code>{row.name}</code> },
  { header: 'Value', cell: (row) => (row.secret ? <em>{row.shown}</em> : <code>{row.shown}</code>) },
  { header: 'From', cell: (row) => (row.isDefault ? 'default' : 'environment') },
  { header: 'Meaning', cell: (row) => row.description },
];

function ModuleTable({ admin }: { admin: AdminRouter }) {
  return (
    <section class="card" aria-labelledby="modules-heading">
      <h2 id="modules-heading">Modules</h2>
      <DataTable columns={MODULE_COLUMNS} rows={moduleStates(admin.services)} />
    </section>
  );
}

function ConfigurationTable({ admin }: { admin: AdminRouter }) {
  return (
    <section class="card" aria-labelledby="configuration-heading">
      <h2 id="configuration-heading">Configuration</h2>
      <p>
        The values this server runs with. Secrets are shown only as set or unset; change them in the
        environment and restart.
      </p>
      <DataTable columns={CONFIGURATION_COLUMNS} rows={configurationRows(admin.services.config)} />
    </section>
  );
}

async function settingsPage(
  admin: AdminRouter,
  c: Context<FlowlessEnv>,
  actor: SessionRecord,
): Promise<Response> {
  await recordAdminAction(admin.services, c, actor, 'admin.configuration_viewed');
  return admin.render(
    c,
    { title: 'Settings', section: 'settings' },
    <>
      <h1>Settings</h1>
      <ModuleTable admin={admin} />
      <ConfigurationTable admin={admin} />
    </>,
  );
}

/**
 * Registers `GET /admin/settings`.
 */
export function registerSettingsPage(admin: AdminRouter): void {
  admin.get('/admin/settings', (c, actor) => settingsPage(admin, c, actor));
}
