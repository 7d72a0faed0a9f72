/**
 * @module `/admin/settings`: which modules are on and the effective configuration, secrets shown
 * only as "set" or "unset". Each view is recorded (`admin.configuration_viewed`): the page tells
 * how the server is defended.
 */
import type { Context } from 'hono';
import type { FlowlessEnv } from '../../../http/flowless-env.js';
import type { SessionRecord } from '../../../sessions/session-record.js';
import { recordAdminAction } from '../admin-audit.js';
import type { AdminRouter } from '../admin-router.js';
import { configurationRows } from './configuration-rows.js';
import { moduleStates } from './module-states.js';

function ModuleTable({ admin }: { admin: AdminRouter }) {
  return (
    <section class="card" aria-labelledby="modules-heading">
      <h2 id="modules-heading">Modules</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Module</th>
              <th scope="col">State</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {moduleStates(admin.services).map((module) => (
              <tr>
                <th scope="row">{module.name}</th>
                <td>{module.on ? 'On' : 'Off'}</td>
                <td>{module.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Variable</th>
              <th scope="col">Value</th>
              <th scope="col">From</th>
              <th scope="col">Meaning</th>
            </tr>
          </thead>
          <tbody>
            {configurationRows(admin.services.config).map((row) => (
              <tr>
                <th scope="row">
                  <code>{row.name}</code>
                </th>
                <td>{row.secret ? <em>{row.shown}</em> : <code>{row.shown}</code>}</td>
                <td>{row.isDefault ? 'default' : 'environment'}</td>
                <td>{row.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
