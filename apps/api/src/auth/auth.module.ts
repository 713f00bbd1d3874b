import { Logger, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { SettleConfig } from '@settle/runtime';
import { ApiKey, loadOrGenerateAdminKey, parseApiKeys } from './api-keys';
import { API_KEYS, ApiKeyGuard } from './api-key.guard';
import { MeController } from './me.controller';

function loadApiKeys(config: SettleConfig): ApiKey[] {
  if (config.apiKeys) return parseApiKeys(config.apiKeys);
  const { key, generatedSecret } = loadOrGenerateAdminKey(config.dataDir);
  if (generatedSecret) {
    // Printed once, on the first start only: DATA_DIR keeps just its hash.
    process.stdout.write(
      `\n  Settle generated an admin API key (shown once, keep it safe):\n\n    Authorization: Bearer ${generatedSecret}\n\n` +
        `  Set API_KEYS=name:role:secret,… to manage keys yourself.\n\n`,
    );
  } else {
    new Logger('Auth').log(`Using the admin key generated on first start (hash in ${config.dataDir}/admin-key.json)`);
  }
  return [key];
}

@Module({
  controllers: [MeController],
  providers: [
    { provide: API_KEYS, useFactory: loadApiKeys, inject: [SettleConfig] },
    { provide: APP_GUARD, useClass: ApiKeyGuard },
  ],
})
export class AuthModule {}
