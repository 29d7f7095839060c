import * as logs from 'aws-cdk-lib/aws-logs';
import { invalidProp, isConcrete } from './validation';

/** The retention periods CloudWatch Logs accepts (PutRetentionPolicy): exactly the values of `logs.RetentionDays`. */
const VALID_RETENTION_DAYS = new Set(Object.values(logs.RetentionDays).filter((v): v is number => typeof v === 'number'));

/** Throws unless `value` is a retention CloudWatch Logs accepts (a plain number such as 45 is not). */
export function validateLogRetention(prop: string, value: logs.RetentionDays | undefined): void {
  if (!isConcrete(value) || VALID_RETENTION_DAYS.has(value)) return;
  throw invalidProp(prop, 'must be a retention period that CloudWatch Logs accepts', value,
    `Use a value of \`logs.RetentionDays\`, for example \`logs.RetentionDays.ONE_YEAR\` (${[...VALID_RETENTION_DAYS].sort((a, b) => a - b).join(', ')} days).`);
}
