/**
 * Whether the client's namespace has golive's search attributes (`golive setup` registers them).
 * A cutover started on a namespace without them must not carry them (the workflow would upsert
 * attributes the server refuses), and a filtered listing cannot work there. The answer is cached:
 * "yes" for good, "no" briefly, so a `golive setup` run meanwhile is seen without a restart.
 */
import type { Client } from '@temporalio/client';
import { goliveSearchAttributes } from '../workflows/search-attributes';
import { logger } from '../workers/logger';
import { searchAttributeStatus } from '../workers/search-attribute-setup';
import { ApiError } from './errors';

const RECHECK_MISSING_MS = 10_000;

export class NamespaceAttributes {
  private present = false;
  private checkedAt = 0;

  constructor(private readonly client: Client) {}

  async available(): Promise<boolean> {
    if (this.present || Date.now() - this.checkedAt < RECHECK_MISSING_MS) return this.present;
    this.present = await this.check();
    this.checkedAt = Date.now();
    return this.present;
  }

  /** 409 `search-attributes-missing` unless the namespace has them. */
  async require(): Promise<void> {
    if (await this.available()) return;
    const { namespace } = this.client.options;
    throw new ApiError(
      409,
      'search-attributes-missing',
      `namespace ${namespace} lacks golive's search attributes (${goliveSearchAttributes.map((key) => key.name).join(', ')}): run \`golive setup\` against it to filter cutovers by state, mode or plan`,
    );
  }

  private async check(): Promise<boolean> {
    const { namespace } = this.client.options;
    try {
      // Of the right type too: a start with a Keyword value for a Text attribute would be refused.
      const { present } = await searchAttributeStatus(this.client.connection, namespace);
      return present.length === goliveSearchAttributes.length;
    } catch (err) {
      // Not knowing is "no": a start without attributes is always safe.
      logger.warn({ err, namespace }, 'cannot list the namespace\'s search attributes; cutovers start without them');
      return false;
    }
  }
}
