/**
 * The deploy-time limits of CloudFormation and of the services the network uses, as data: each with
 * its value, whether AWS can raise it, the name of the quota to ask for, and where the number comes from.
 * Nothing is deployed by synthesis, so the network checks these itself (`check-limits.ts`).
 */
export interface AwsLimit {
  /** What is limited, for messages. */
  readonly what: string;
  readonly value: number;
  /** Whether a quota increase can raise it: then an overflow is a warning that names `quotaName`, else an error. */
  readonly adjustable: boolean;
  /** The name of the quota in Service Quotas, for an adjustable limit. */
  readonly quotaName?: string;
  /** The AWS page that states it. */
  readonly source: string;
}

const CFN = 'AWS CloudFormation User Guide, "AWS CloudFormation quotas" (cloudformation-limits)';
const VPC = 'Amazon VPC User Guide, "Amazon VPC quotas" (amazon-vpc-limits)';
const ALB = 'Elastic Load Balancing, "Quotas for your Application Load Balancers" (load-balancer-limits)';
const CW = 'Amazon CloudWatch User Guide, "CloudWatch service quotas" and the PutDashboard / PutMetricAlarm API references';

export const AWS_LIMITS = {
  /** "1 MB" for a template body in an S3 object: checked against the lower reading, 1,000,000 bytes. */
  templateBytes: { what: 'bytes (template size)', value: 1_000_000, adjustable: false, source: CFN },
  resources: { what: 'resources per template', value: 500, adjustable: false, source: CFN },
  parameters: { what: 'parameters per template', value: 200, adjustable: false, source: CFN },
  outputs: { what: 'outputs per template', value: 200, adjustable: false, source: CFN },
  mappings: { what: 'mappings per template', value: 200, adjustable: false, source: CFN },
  securityGroupRulesPerDirection: {
    what: 'rules per security group and direction',
    value: 60,
    adjustable: true,
    quotaName: 'Inbound or outbound rules per security group (L-0EA8095F)',
    source: VPC,
  },
  targetGroupsPerLoadBalancer: { what: 'target groups per Application Load Balancer', value: 100, adjustable: false, source: ALB },
  certificatesPerLoadBalancer: {
    what: 'certificates per Application Load Balancer (besides the default certificates)',
    value: 25,
    adjustable: true,
    quotaName: 'Certificates per Application Load Balancer',
    source: ALB,
  },
  namesPerCertificate: {
    what: 'domain names per ACM certificate',
    value: 10,
    adjustable: true,
    quotaName: 'Domain names per ACM certificate',
    source: 'AWS Certificate Manager User Guide, "Quotas" (acm-limits)',
  },
  loadBalancersPerRegion: {
    what: 'Application Load Balancers (per account and Region)',
    value: 50,
    adjustable: true,
    quotaName: 'Application Load Balancers per Region',
    source: ALB,
  },
  // every route has a target group of its own, so a load balancer reaches the target-group limit first
  rulesPerLoadBalancer: {
    what: 'listener rules per Application Load Balancer (besides the default rules)',
    value: 100,
    adjustable: true,
    quotaName: 'Rules per Application Load Balancer (L-CA0FD91C)',
    source: ALB,
  },
  // https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html, "Elastic IP addresses per Region"
  elasticIpsPerRegion: {
    what: 'Elastic IP addresses (one per NAT gateway and per Availability Zone of an internet-facing Network Load Balancer with `ElasticIps.allocate()`)',
    value: 5,
    adjustable: true,
    quotaName: 'EC2-VPC Elastic IPs (L-0263D0A3)',
    source: 'Amazon EC2 User Guide, "Elastic IP address quota"',
  },
  networkAclRulesPerDirection: {
    what: 'rules per network ACL and direction',
    value: 20,
    adjustable: true,
    quotaName: 'Rules per network ACL (L-2AEEBF1A)',
    source: VPC,
  },
  // "This quota can be increased up to a maximum of 40": beyond it no request helps
  // (https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html, "Network ACLs")
  networkAclRulesPerDirectionMax: {
    what: 'rules per network ACL and direction (the most a quota increase allows)',
    value: 40,
    adjustable: false,
    source: VPC,
  },
  // FARGATE and FARGATE_SPOT count too (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-quotas.html)
  capacityProvidersPerCluster: {
    what: 'capacity providers per ECS cluster',
    value: 20,
    adjustable: false,
    source: 'Amazon ECS Developer Guide, "Amazon ECS service quotas" (service-quotas)',
  },
  dashboardWidgets: { what: 'widgets per CloudWatch dashboard', value: 500, adjustable: false, source: CW },
  alarmNameLength: { what: 'characters in an alarm name', value: 255, adjustable: false, source: CW },
  queryNameLength: {
    what: 'characters in a saved Logs Insights query name',
    value: 255,
    adjustable: false,
    source: 'Amazon CloudWatch Logs API reference, PutQueryDefinition',
  },
} as const satisfies { [key: string]: AwsLimit };

/** One limit that a synthesized network exceeds. */
export interface LimitOverflow {
  readonly limit: AwsLimit;
  /** Where: the stack, the security group, the load balancer. */
  readonly where: string;
  readonly actual: number;
}

/** The message of an overflow: what overflows, by how much, and what to do. */
export function describeOverflow(o: LimitOverflow, fix: string): string {
  const by = o.actual - o.limit.value;
  const kind = o.limit.adjustable ? `the default quota "${o.limit.quotaName}"` : 'a limit that AWS cannot raise';
  return `${o.where} has ${o.actual} ${o.limit.what}, ${by} over ${kind} of ${o.limit.value} (${o.limit.source}). ${fix}`;
}
