import { Token } from 'aws-cdk-lib';
import { invalidProp } from '../validation';

/**
 * Security group rule descriptions: up to 255 characters of a-z, A-Z, 0-9, spaces and
 * `._-:/()#,@[]+=&;{}!$*`. Amazon EC2 API Reference, IpRange (a rule to a CIDR block):
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpRange.html. A rule to a security
 * group or a prefix list does not take `&` (UserIdGroupPair:
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_UserIdGroupPair.html, PrefixListId:
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_PrefixListId.html). The security
 * group's own description takes the same set as IpRange (CreateSecurityGroup).
 */
export const MAX_SECURITY_GROUP_DESCRIPTION = 255;
const IP_RANGE_CHARACTERS = /[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]/;
const GROUP_PAIR_CHARACTERS = /[a-zA-Z0-9 ._\-:/()#,@[\]+=;{}!$*]/;

/** What a rule's description goes to: a CIDR block (IpRange), or a security group or prefix list (no `&`). */
export enum RulePeerKind {
  CIDR = 'cidr',
  GROUP_OR_PREFIX_LIST = 'groupOrPrefixList',
}

function allowed(kind: RulePeerKind): RegExp {
  return kind === RulePeerKind.CIDR ? IP_RANGE_CHARACTERS : GROUP_PAIR_CHARACTERS;
}

/** Throws unless `description` is one EC2 accepts on a security group rule; skips tokens. */
export function requireSecurityGroupDescription(prop: string, description: string | undefined, kind: RulePeerKind): void {
  if (description === undefined || Token.isUnresolved(description)) return;
  const bad = [...new Set([...description].filter(c => !allowed(kind).test(c)))];
  if (bad.length > 0) {
    const set = kind === RulePeerKind.CIDR ? '._-:/()#,@[]+=&;{}!$*' : '._-:/()#,@[]+=;{}!$*';
    throw invalidProp(prop, `must hold only the characters EC2 accepts in a security group rule description (letters a-z and A-Z, digits, spaces and \`${set}\`), not ${bad.map(c => `\`${c}\``).join(', ')}`,
      description, 'Rewrite it without those characters (no apostrophes, quotes or accented letters).');
  }
  if (description.length > MAX_SECURITY_GROUP_DESCRIPTION) {
    throw invalidProp(prop, `must have at most ${MAX_SECURITY_GROUP_DESCRIPTION} characters (EC2's limit for a security group rule description)`,
      `${description.length} characters`, 'Shorten it.');
  }
}

/**
 * A description built from the network's own words and names the user chose: each character EC2
 * refuses becomes `_`, and the text is cut at 255 characters, so that what the user named can never
 * make a rule fail at deploy time. Names the network validates (DNS labels) pass unchanged.
 */
export function securityGroupDescription(text: string, kind: RulePeerKind = RulePeerKind.GROUP_OR_PREFIX_LIST): string {
  if (Token.isUnresolved(text)) return text;
  return [...text].map(c => (allowed(kind).test(c) ? c : '_')).join('').slice(0, MAX_SECURITY_GROUP_DESCRIPTION);
}
