import { buildApp } from './app.js';
import { bootstrap } from './bootstrap.js';
import { loadConfig } from './kernel/config.js';

const config = loadConfig();
const { app, ctx } = await buildApp({ config });
const result = await bootstrap(ctx);
if (result.generatedAdminPassword) {
  console.log(
    `\n  First start: created the root organisation and the account "admin" with password: ${result.generatedAdminPassword}\n  (shown once; set ADMIN_PASSWORD to choose it)\n`,
  );
}
if (result.demoLoaded)
  console.log('  Demo city loaded (西安市总工会). Staff accounts use the password "demo12345"; see README.');
await app.listen({ port: config.port, host: '0.0.0.0' });
console.log(
  `  Smart Union is running: member app ${config.publicUrl}/  console ${config.publicUrl}/console/  API docs ${config.publicUrl}/api/docs`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        ctx.log.error({ err: error }, 'closing the app failed');
        process.exit(1);
      },
    );
  });
}
