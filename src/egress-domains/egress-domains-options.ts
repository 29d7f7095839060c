/**
 * How the allow-list of `egressDomains` is enforced.
 *
 * | choice | what it filters | what it does not stop | price (us-east-1) |
 * |---|---|---|---|
 * | `DNS_FIREWALL` | the names the tasks resolve through the VPC's Route 53 Resolver | connections to an address the task already knows, DNS over HTTPS to an outside resolver | per domain list and per million queries |
 * | `NETWORK_FIREWALL` | the TLS server name (SNI) and HTTP Host of every IPv4 connection through NAT | protocols other than TLS and HTTP on the ports the security groups open | per firewall endpoint hour and per GB |
 */
export enum DomainEnforcement {
  /**
   * Route 53 Resolver DNS Firewall on the VPC: the listed names resolve, every other name gets a
   * blocked answer. Cheap; stops a task from finding a host by name, not from reaching an address.
   */
  DNS_FIREWALL = 'dnsFirewall',
  /**
   * AWS Network Firewall between the NAT gateways and the internet gateway, with a stateful domain
   * allow-list on the TLS server name (SNI) and the HTTP Host header. Stronger: a connection to an
   * address outside the list is dropped whatever name the task resolved. Needs NAT in public subnets.
   */
  NETWORK_FIREWALL = 'networkFirewall',
}

/**
 * What a DNS Firewall answers for a blocked name.
 */
export enum DnsBlockResponse {
  /** The name does not exist (NXDOMAIN): clients fail fast. */
  NXDOMAIN = 'NXDOMAIN',
  /** The name exists but has no record of the type asked (NODATA). */
  NODATA = 'NODATA',
}

/**
 * Egress by domain name: the tasks may reach the listed domains (and what the network itself needs)
 * and nothing else by name.
 */
export interface EgressDomainsOptions {
  /**
   * The domain names the tasks may reach, beyond what the network adds itself (the registries of
   * the services' images, Amazon ECR and its image-layer bucket, CloudWatch Logs, the services of
   * the VPC endpoints and the Cloud Map namespace). A leading `*.` allows every subdomain
   * (`*.example.com`); without it, only the name itself. Services add their own with
   * `allowedDomains`.
   */
  readonly allowedDomains: string[];

  /**
   * How the list is enforced.
   *
   * @default DomainEnforcement.DNS_FIREWALL
   */
  readonly enforcement?: DomainEnforcement;

  /**
   * What the DNS Firewall answers for a name outside the list (`DomainEnforcement.DNS_FIREWALL`).
   *
   * @default DnsBlockResponse.NXDOMAIN
   */
  readonly blockResponse?: DnsBlockResponse;
}
