import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { ClientAccounts, Clock, ManualClock, systemClock } from '@settle/command-pipeline';
import { EventStore } from '@settle/event-store';
import { DateTime } from 'luxon';
import { SettleConfig } from '../config/settle-config';
import { openStorage, Storage } from './storage';
import { CLOCK, EVENT_STORE } from './tokens';

export const STORAGE = Symbol('STORAGE');

/** Configuration, clock and storage: what every other module stands on. */
const providers = [
  {
    provide: CLOCK,
    useFactory: (config: SettleConfig): Clock =>
      config.now ? new ManualClock(DateTime.fromISO(config.now, { setZone: true }).toUTC()) : systemClock,
    inject: [SettleConfig],
  },
  { provide: EVENT_STORE, useFactory: (storage: Storage) => storage.events, inject: [STORAGE] },
  {
    provide: ClientAccounts,
    useFactory: (store: EventStore, clock: Clock) => new ClientAccounts(store, clock),
    inject: [EVENT_STORE, CLOCK],
  },
];

@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  /**
   * `storage`: already opened by the caller (the API opens it before anything else starts, so that a
   * data directory it cannot use is reported in one line); opened here otherwise.
   */
  static forRoot(config: SettleConfig, storage?: Storage): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: SettleConfig, useValue: config },
        storage ? { provide: STORAGE, useValue: storage } : { provide: STORAGE, useFactory: openStorage, inject: [SettleConfig] },
        ...providers,
      ],
      exports: [SettleConfig, CLOCK, STORAGE, EVENT_STORE, ClientAccounts],
    };
  }

  constructor(@Inject(STORAGE) private readonly storage: Storage) {}

  async onApplicationShutdown(): Promise<void> {
    await this.storage.dispose();
  }
}
