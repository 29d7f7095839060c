import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

const KEY = Validations.ACKNOWLEDGED_RULES_METADATA_KEY;

/**
 * `Validations.of(scope).acknowledge()` for a finding whose id holds `::` more than once (an ARN with
 * `<AWS::Partition>`), which `acknowledge()` refuses: the same metadata record, written directly.
 */
export function acknowledgeFinding(scope: IConstruct, id: string, reason: string): void {
  const previous = scope.node.metadata.filter(m => m.type === KEY).pop()?.data ?? {};
  scope.node.addMetadata(KEY, { ...previous, [id]: reason });
}

/**
 * An acknowledgement whose reason holds or not as the construct grows: a load balancer's security
 * group gets a port per listener, and services add listeners after the load balancer exists. cdk-nag
 * reads the record when it runs (at synthesis, or `validateScope`), so `holds()` after each change
 * leaves the record true of the final construct. The record is written the way
 * `Validations.acknowledge()` writes it (`annotation::<id>`, which cdk-nag reads as `<id>`).
 */
export class ConditionalAcknowledgement {
  private record?: { [id: string]: string };

  public constructor(private readonly scope: IConstruct, private readonly id: string, private readonly reason: string) {}

  /** Records the acknowledgement when `holds`, withdraws it otherwise. */
  public holds(holds: boolean): void {
    const id = `annotation::${this.id}`;
    if (holds) {
      if (!this.record) {
        this.record = {};
        this.scope.node.addMetadata(KEY, this.record);
      }
      this.record[id] = this.reason;
    } else if (this.record) {
      delete this.record[id];
    }
  }
}
