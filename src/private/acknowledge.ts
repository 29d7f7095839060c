import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * `Validations.of(scope).acknowledge()` for a finding whose id holds `::` more than once (an ARN with
 * `<AWS::Partition>`), which `acknowledge()` refuses: the same metadata record, written directly.
 */
export function acknowledgeFinding(scope: IConstruct, id: string, reason: string): void {
  const key = Validations.ACKNOWLEDGED_RULES_METADATA_KEY;
  const previous = scope.node.metadata.filter(m => m.type === key).pop()?.data ?? {};
  scope.node.addMetadata(key, { ...previous, [id]: reason });
}
