import { type DateTime } from 'luxon';
import {
  type ClientFacingLevel,
  type LetterContent,
  type LetterLanguage,
  letterPreview,
  nextClientStep,
  notFound,
  ruleBroken,
  streamIdForClient,
} from '@settle/domain';
import { type StreamCommandExecutor } from '@settle/command-pipeline';
import { type CollectionsSubject, isRegistered } from '../collections-subject';
import { type ClientDirectory } from '../process/client-directory';
import { assessClient } from '../process/client-assessment';
import { type KeptSnapshots } from '../process/kept-snapshots';
import { clientPolicy, type CollectionsSettings, DEFAULT_COLLECTIONS_SETTINGS } from '../settings';
import { type CollectionsCase, collectionsCase } from './collections-case';
import { byUrgency, type WorklistEntry, worklistEntry } from './worklist';

/** The read side of the process: one client's case and the collectors' worklist, from the same folded streams. */
export class CollectionsCases {
  constructor(
    private readonly executor: StreamCommandExecutor<CollectionsSubject>,
    private readonly directory: ClientDirectory,
    private readonly settings: CollectionsSettings = DEFAULT_COLLECTIONS_SETTINGS,
    /** How the worklist goes over every client: the kept snapshots of those not in memory, a chunk at a time. */
    private readonly kept?: KeptSnapshots,
  ) {}

  /**
   * The case at `now`; with `asOf`, the case as known then: folded from the events recorded up to
   * that instant and evaluated at it (SPEC 6). 404 when the client is not registered (then).
   */
  async caseOf(clientId: string, now: DateTime, asOf?: DateTime): Promise<CollectionsCase> {
    const streamId = streamIdForClient(clientId);
    const { state: subject } = asOf ? await this.executor.loadAsOf(streamId, asOf) : await this.executor.load(streamId);
    if (!isRegistered(subject)) throw notFound('client_not_found', `No client ${clientId}${asOf ? ` as of ${asOf.toUTC().toISO()}` : ''}`);
    const at = asOf ?? now;
    return collectionsCase(
      subject,
      assessClient(subject, at, this.settings.metrics),
      at,
      clientPolicy(this.settings, clientId, subject.collections.agreement),
    );
  }

  /**
   * The figures of the letter a client-facing step would send now (SPEC 9 preview): `level` by default
   * the case's next client-facing step, `language` by default the agreed one. 404 for an unknown
   * client, 422 `nothing_overdue` when no letter would go out.
   */
  async letterFigures(clientId: string, now: DateTime, level?: ClientFacingLevel, language?: LetterLanguage): Promise<LetterContent> {
    const { state: subject } = await this.executor.load(streamIdForClient(clientId));
    if (!isRegistered(subject)) throw notFound('client_not_found', `No client ${clientId}`);
    const { collections, facts } = subject;
    const policy = clientPolicy(this.settings, clientId, collections.agreement);
    const { solvency, behaviour } = assessClient(subject, now, this.settings.metrics);
    const letter = letterPreview(
      {
        account: { invoices: facts.invoices, payments: facts.payments, collections },
        behaviour: { trend: behaviour.trend },
        solvency: { riskScore: solvency.riskScore, riskLevel: solvency.riskLevel },
        policy,
        now,
      },
      level ?? nextClientStep(collections, policy, collections.agreement!.timezone)?.level ?? 'agency',
      language,
    );
    if (!letter || letter.lines.length === 0)
      throw ruleBroken('nothing_overdue', `Client ${clientId} has nothing overdue: no letter would go out`);
    return letter;
  }

  /** Today's actions for collectors over every client, most urgent first. */
  async worklist(now: DateTime, limit?: number): Promise<WorklistEntry[]> {
    await this.directory.catchUp();
    const entries: WorklistEntry[] = [];
    const clients = this.directory.list();
    for await (const chunk of this.kept?.inChunks(clients) ?? [clients]) {
      for (const client of chunk) {
        const { state: subject } = await this.executor.load(client.streamId, client.revision);
        const entry = worklistEntry(
          subject,
          assessClient(subject, now, this.settings.metrics),
          now,
          clientPolicy(this.settings, client.clientId, subject.collections.agreement),
        );
        if (entry) entries.push(entry);
      }
    }
    return entries.sort(byUrgency).slice(0, limit);
  }
}
