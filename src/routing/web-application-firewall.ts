import { ArnFormat, Names, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { validateLogRetention } from '../private/log-retention';
import { invalidProp, isConcrete } from '../private/validation';

/** What the managed web application firewall does with the requests its rules match. */
export enum WafMode {
  /**
   * Count and log matching requests, block nothing: to learn what the rules would block before
   * blocking it (AWS advises starting there with managed rule groups).
   */
  COUNT = 'COUNT',
  /** Block matching requests (HTTP 403) and log them. */
  BLOCK = 'BLOCK',
}

/**
 * A web ACL of AWS WAF that the network creates and associates with every load balancer of the kind
 * (`loadBalancer`: the internet-facing ones, including those created later when routes fill one):
 * the AWS managed rule groups Amazon IP reputation list, core rule set (common) and known bad
 * inputs, and a rate-based rule per client IP address, logged to CloudWatch Logs.
 */
export interface WebApplicationFirewallOptions {
  /**
   * Whether matching requests are counted or blocked (the managed rule groups and the rate-based rule alike).
   */
  readonly mode: WafMode;

  /**
   * The most requests one client IP address may send in any 5 minutes before the rate-based rule
   * matches its requests (10 to 2,000,000,000).
   *
   * @default 2000
   */
  readonly rateLimit?: number;

  /**
   * How long the web ACL's logs are kept (the log group `aws-waf-logs-...`, encrypted with the
   * network's logs key).
   *
   * @default - the network's `logRetention` (one year unless it says otherwise)
   */
  readonly logRetention?: logs.RetentionDays;
}

/** The AWS managed rule groups of the web ACL, in priority order; each costs a rule a month. */
export const MANAGED_RULE_GROUPS = [
  // 25 WCU: addresses Amazon's threat intelligence reports as bots and attackers
  'AWSManagedRulesAmazonIpReputationList',
  // 200 WCU: request patterns known to exploit vulnerabilities (Log4j, Java deserialization, localhost Host headers)
  'AWSManagedRulesKnownBadInputsRuleSet',
  // 700 WCU: the OWASP Top 10 kind (XSS, LFI/RFI, SSRF to the metadata service, oversized bodies, bad user agents)
  'AWSManagedRulesCommonRuleSet',
];
/** The rules of the web ACL: the managed rule groups and the rate-based rule (927 of the 1,500 WCU the base price includes). */
export const WEB_ACL_RULES = MANAGED_RULE_GROUPS.length + 1;

/** The rate limit of the rate-based rule by default: requests per client IP address in 5 minutes. */
export const DEFAULT_RATE_LIMIT = 2000;

/** Props of `WebApplicationFirewall`. */
export interface WebApplicationFirewallProps extends WebApplicationFirewallOptions {
  /** The key of the log group (the network's logs key). */
  readonly encryptionKey: kms.IKey;
  /** The retention of the log group when `logRetention` does not say. */
  readonly defaultLogRetention: logs.RetentionDays;
}

/**
 * The managed web application firewall of one kind of load balancer: a regional web ACL, its log
 * group and its logging configuration. The load balancers associate with `webAcl.attrArn`.
 */
export class WebApplicationFirewall extends Construct {
  /** The regional web ACL. */
  public readonly webAcl: wafv2.CfnWebACL;
  /** The log group of its logs (its name starts with `aws-waf-logs-`, as AWS WAF requires). */
  public readonly logGroup: logs.LogGroup;
  /** The logging configuration that sends the web ACL's logs to `logGroup`. */
  public readonly loggingConfiguration: wafv2.CfnLoggingConfiguration;
  /** Whether it counts or blocks. */
  public readonly mode: WafMode;

  constructor(scope: Construct, id: string, props: WebApplicationFirewallProps) {
    super(scope, id);
    this.mode = props.mode;
    const block = props.mode === WafMode.BLOCK;
    const metric = (name: string) => ({ cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: name });
    const prefix = Names.uniqueResourceName(this, { maxLength: 100, separator: '-' });
    const managed = MANAGED_RULE_GROUPS.map((name, priority): wafv2.CfnWebACL.RuleProperty => ({
      name,
      priority,
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
      // `none` keeps the actions of the group's rules (block); `count` turns them all into count
      overrideAction: block ? { none: {} } : { count: {} },
      visibilityConfig: metric(`${prefix}-${name}`),
    }));
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      // AWS WAF takes letters, digits, spaces and `+=:#@/-,.` only, up to 256 characters
      description: `ecs-advanced-network ${scope.node.path}: AWS managed rule groups and a rate limit per client IP, ${props.mode}`
        .replace(/[^a-zA-Z0-9+=:#@/\-,.\s]/g, '-').slice(0, 256),
      defaultAction: { allow: {} },
      rules: [...managed, {
        name: 'RateLimitPerClientIp',
        priority: managed.length,
        statement: { rateBasedStatement: { limit: props.rateLimit ?? DEFAULT_RATE_LIMIT, aggregateKeyType: 'IP', evaluationWindowSec: 300 } },
        action: block ? { block: {} } : { count: {} },
        visibilityConfig: metric(`${prefix}-RateLimitPerClientIp`),
      }],
      visibilityConfig: metric(prefix),
    });
    // AWS WAF logs only to log groups whose name starts with `aws-waf-logs-`
    const logGroupName = `aws-waf-logs-${prefix}`;
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      logGroupName,
      retention: props.logRetention ?? props.defaultLogRetention,
      encryptionKey: props.encryptionKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.loggingConfiguration = new wafv2.CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      // the log group's ARN without the `:*` that `logGroupArn` ends with: AWS WAF refuses it
      logDestinationConfigs: [Stack.of(this).formatArn({
        service: 'logs',
        resource: 'log-group',
        resourceName: logGroupName,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      })],
    });
  }
}

/** The options of the managed firewall of `prop` (`loadBalancer`), before anything exists. */
export function validateWebApplicationFirewall(prop: string, options: WebApplicationFirewallOptions | undefined,
  webAclArn: string | undefined): void {
  if (options === undefined) return;
  if (webAclArn !== undefined) {
    throw invalidProp(`${prop}.webApplicationFirewall`, `cannot be combined with \`${prop}.webAclArn\`: a load balancer takes one web ACL`,
      'both', 'Keep `webApplicationFirewall` for the managed web ACL, or `webAclArn` for a web ACL of your own (add the managed rule groups to it).');
  }
  const limit = options.rateLimit;
  if (isConcrete(limit) && (!Number.isInteger(limit) || limit < 10 || limit > 2_000_000_000)) {
    throw invalidProp(`${prop}.webApplicationFirewall.rateLimit`, 'must be a whole number of requests per 5 minutes from 10 to 2,000,000,000 (the AWS WAF range)',
      limit, `Give the most requests one client IP address may send in 5 minutes, for example ${DEFAULT_RATE_LIMIT}.`);
  }
  validateLogRetention(`${prop}.webApplicationFirewall.logRetention`, options.logRetention);
}
