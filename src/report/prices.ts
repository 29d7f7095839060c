/**
 * The list prices the cost estimate uses, kept as data: one table per region, every figure with the
 * unit in its name. Update the table (and its date) when AWS changes a price; nothing else changes.
 */

/** On-demand Fargate prices of one CPU architecture (Linux). */
export interface FargatePrices {
  readonly vcpuHour: number;
  readonly gbHour: number;
}

/** The EC2 instance a Managed Instances task is priced on: its share of the instance by vCPU or memory, whichever is larger. */
export interface ManagedInstancePrice {
  readonly instanceType: string;
  readonly vcpu: number;
  readonly memoryGiB: number;
  readonly hour: number;
}

/** The prices of one region, in US dollars. */
export interface PriceTable {
  readonly region: string;
  /** When the prices were read from the sources (ISO date). */
  readonly asOf: string;
  /** Where the prices come from. */
  readonly sources: string[];
  /** Hours billed in a month (AWS uses 730). */
  readonly hoursPerMonth: number;

  readonly natGatewayHour: number;
  readonly natGatewayGb: number;
  readonly publicIpv4Hour: number;
  /** Data crossing Availability Zones, charged in each direction. */
  readonly interAzGbEachWay: number;
  readonly interfaceEndpointHourPerAz: number;
  readonly interfaceEndpointGb: number;
  readonly albHour: number;
  readonly albLcuHour: number;
  readonly nlbHour: number;
  /** A Network Load Balancer capacity unit (NLCU) for one hour (TCP; UDP and TLS units are priced alike). */
  readonly nlbLcuHour: number;
  readonly fargateX86: FargatePrices;
  readonly fargateArm: FargatePrices;
  /**
   * Fargate Spot prices float with supply and demand (AWS publishes the current ones); the table
   * applies this discount to the on-demand price of the architecture.
   */
  readonly fargateSpotDiscount: number;
  readonly logsIngestionGb: number;
  readonly vendedLogsIngestionGb: number;
  readonly kmsKeyMonth: number;
  /** An AWS Private CA in short-lived certificate mode, per month (certificates of at most 7 days, as Service Connect TLS issues). */
  readonly privateCaShortLivedMonth: number;
  /** An AWS Private CA in general-purpose mode, per month (for comparison: the default mode of the API). */
  readonly privateCaGeneralPurposeMonth: number;
  /** A certificate issued by a short-lived certificate mode CA (Service Connect TLS issues one per task every few days). */
  readonly privateCaShortLivedCertificate: number;
  readonly route53HostedZoneMonth: number;
  /** Route 53 Resolver DNS Firewall: one domain name of a domain list, for a month. */
  readonly dnsFirewallDomainMonth: number;
  /** Route 53 Resolver DNS Firewall: one million queries processed (the first billion a month). */
  readonly dnsFirewallMillionQueries: number;
  /** AWS Network Firewall: one firewall endpoint (one per Availability Zone) for an hour. */
  readonly networkFirewallEndpointHour: number;
  /** AWS Network Firewall: one GB processed. */
  readonly networkFirewallGb: number;
  /** A standard-resolution alarm on one metric. */
  readonly cloudwatchAlarmMonth: number;
  readonly cloudwatchDashboardMonth: number;
  /** An AWS WAF web ACL, per month. */
  readonly wafWebAclMonth: number;
  /** A rule of a web ACL (a managed rule group counts as one), per month. */
  readonly wafRuleMonth: number;
  /** A million requests a web ACL inspects (within the 1,500 WCU its price includes). */
  readonly wafMillionRequests: number;
  /** EC2 on-demand prices of the instance types a NAT instance is likely to use (Linux). */
  readonly ec2InstanceHour: { [instanceType: string]: number };
  readonly ebsGp3GbMonth: number;
  /** The root volume of a NAT instance (the Amazon Linux 2023 AMI's default). */
  readonly natInstanceRootVolumeGb: number;
  /** The general-purpose instances Managed Instances tasks are priced on (ECS picks the real ones at run time). */
  readonly managedInstancesX86: ManagedInstancePrice;
  readonly managedInstancesArm: ManagedInstancePrice;
}

/** us-east-1 (N. Virginia) on-demand list prices. */
export const US_EAST_1: PriceTable = {
  region: 'us-east-1',
  asOf: '2026-11-22',
  sources: [
    'https://aws.amazon.com/vpc/pricing/ (NAT gateway, zonal and regional: a Regional NAT gateway is billed the hourly rate for each ' +
      'Availability Zone it is active in; public IPv4 address; data transfer between Availability Zones; the egress-only internet gateway is free)',
    'https://aws.amazon.com/privatelink/pricing/ (interface endpoints)',
    'https://aws.amazon.com/elasticloadbalancing/pricing/ (Application and Network Load Balancers)',
    'https://aws.amazon.com/fargate/pricing/ (Linux/x86 and Linux/ARM; Spot up to 70% off)',
    'https://aws.amazon.com/cloudwatch/pricing/ (Logs ingestion, standard and vended; alarms; dashboards)',
    'https://aws.amazon.com/kms/pricing/ (customer managed key)',
    'https://aws.amazon.com/private-ca/pricing/ (AWS Private CA: USD 50 a month in short-lived certificate mode, 400 in general-purpose mode, ' +
      'per CA; USD 0.058 per short-lived certificate; the AWS price list for AWSCertificateManager, effective 2025-07-01)',
    'https://aws.amazon.com/route53/pricing/ (hosted zone of the private DNS namespace)',
    'https://aws.amazon.com/waf/pricing/ (AWS WAF: USD 5 per web ACL a month, USD 1 per rule or managed rule group a month, ' +
      'USD 0.60 per million requests up to 1,500 WCU; the AWS managed rule groups the network uses carry no subscription fee)',
    'https://aws.amazon.com/ec2/pricing/on-demand/ and https://aws.amazon.com/ebs/pricing/ (NAT instances; m6i.large and m7g.large for Managed Instances)',
  ],
  hoursPerMonth: 730,

  /** Per zonal NAT gateway, and per Availability Zone a Regional NAT gateway is active in. */
  natGatewayHour: 0.045,
  natGatewayGb: 0.045,
  publicIpv4Hour: 0.005,
  interAzGbEachWay: 0.01,
  interfaceEndpointHourPerAz: 0.01,
  interfaceEndpointGb: 0.01,
  albHour: 0.0225,
  albLcuHour: 0.008,
  nlbHour: 0.0225,
  nlbLcuHour: 0.006,
  fargateX86: { vcpuHour: 0.04048, gbHour: 0.004445 },
  fargateArm: { vcpuHour: 0.03238, gbHour: 0.00356 },
  fargateSpotDiscount: 0.7,
  logsIngestionGb: 0.5,
  vendedLogsIngestionGb: 0.5,
  kmsKeyMonth: 1,
  privateCaShortLivedMonth: 50,
  privateCaGeneralPurposeMonth: 400,
  privateCaShortLivedCertificate: 0.058,
  route53HostedZoneMonth: 0.5,
  // Route 53 Resolver DNS Firewall, https://aws.amazon.com/route53/pricing/: USD 0.0005 per domain name a month in
  // domain lists (prorated hourly), USD 0.60 per million queries processed (the first billion a month). Kept out of `sources`, which
  // every network's report prints, until the report lists the sources of the prices it uses.
  dnsFirewallDomainMonth: 0.0005,
  dnsFirewallMillionQueries: 0.6,
  // AWS Network Firewall, https://aws.amazon.com/network-firewall/pricing/: USD 0.395 per firewall endpoint hour, USD
  // 0.065 per GB processed; the hours and GB of a NAT gateway behind the firewall are waived one for one (not subtracted here).
  networkFirewallEndpointHour: 0.395,
  networkFirewallGb: 0.065,
  cloudwatchAlarmMonth: 0.1,
  cloudwatchDashboardMonth: 3,
  wafWebAclMonth: 5,
  wafRuleMonth: 1,
  wafMillionRequests: 0.6,
  ec2InstanceHour: {
    't4g.nano': 0.0042,
    't4g.micro': 0.0084,
    't4g.small': 0.0168,
    't3.nano': 0.0052,
    't3.micro': 0.0104,
    't3.small': 0.0208,
  },
  ebsGp3GbMonth: 0.08,
  natInstanceRootVolumeGb: 8,
  managedInstancesX86: { instanceType: 'm6i.large', vcpu: 2, memoryGiB: 8, hour: 0.096 },
  managedInstancesArm: { instanceType: 'm7g.large', vcpu: 2, memoryGiB: 8, hour: 0.0816 },
};
