import type { ReachabilityKind } from '../report/report-types';

/**
 * The network's flows: who may open a connection to whom, on which protocol and ports, over which
 * address family, encrypted or not, and what carries it. Every capability writes its flows into one
 * `NetworkFlows` (`Capability.writeFlows`); the report's reachability table and diagram, the
 * plaintext check (`encryptionInTransit.required`) and the check of what a task needs all read them.
 * Internal: not part of the public API.
 */
export interface Flow {
  /** The kind of path, as the report names it. */
  readonly kind: ReachabilityKind;
  /** Who opens the connection. */
  readonly source: FlowEnd;
  /** Who accepts it. */
  readonly destination: FlowEnd;
  /** The protocols and ports, one entry per listener or rule; empty when none is known yet. */
  readonly traffic: FlowTraffic[];
  /** The address family of the source's addresses. */
  readonly family: AddressFamily;
  /** Whether the hop is encrypted, a redirect to an encrypted one, plaintext, or opaque to the network. */
  readonly encryption: FlowEncryption;
  /** What carries the flow. */
  readonly carrier: FlowCarrier;
  /** What selects the path, for the report: `path /api/* (rule priority 13071)`, `Service Connect orders:8080`... */
  readonly detail: string;
  /** The setting that makes the flow plaintext, for the error of `encryptionInTransit.required`. */
  readonly plaintextBecause?: FlowSetting;
}

/** What kind of thing one end of a flow is. */
export enum FlowEndKind {
  /** Clients of a listener: the internet, a CIDR block, a prefix list, a security group, PrivateLink consumers. */
  CLIENTS = 'clients',
  /** An Application Load Balancer of the network. */
  LOAD_BALANCER = 'loadBalancer',
  /** A Network Load Balancer of the network. */
  NETWORK_LOAD_BALANCER = 'networkLoadBalancer',
  /** One service's tasks. */
  SERVICE = 'service',
  /** Every task of the network. */
  ALL_TASKS = 'allTasks',
  /** A VPC endpoint (`ecr.api`, `s3 (gateway)`). */
  ENDPOINT = 'endpoint',
  /** Any address of the internet (through NAT or the egress-only internet gateway). */
  INTERNET = 'internet',
  /** AWS services only: HTTPS without a NAT route reaches the S3 gateway and the interface endpoints. */
  AWS_SERVICES = 'awsServices',
  /** A declared CIDR block (`egressTo`). */
  ADDRESS = 'address',
  /** A declared prefix list (`egressTo`), for example S3's through the gateway endpoint. */
  PREFIX_LIST = 'prefixList',
}

/** One end of a flow: its kind, and its name as the report writes it. */
export interface FlowEnd {
  readonly kind: FlowEndKind;
  readonly name: string;
}

/** The protocols of a flow, as the report writes them. */
export enum FlowProtocol {
  TCP = 'TCP',
  UDP = 'UDP',
  /** TCP and UDP on the same port (a `TCP_UDP` listener). */
  TCP_UDP = 'TCP+UDP',
  /** TLS over TCP, ended by the listener. */
  TLS = 'TLS',
  /** Every protocol and port. */
  ALL = 'all',
}

/** A protocol and a port or range of ports (none for `FlowProtocol.ALL`). */
export interface FlowTraffic {
  readonly protocol: FlowProtocol;
  readonly fromPort?: number;
  /** The last port of a range. @default - `fromPort` */
  readonly toPort?: number;
}

/** The address family of a flow. */
export enum AddressFamily {
  IPV4 = 'IPv4',
  IPV6 = 'IPv6',
}

/** Whether a flow is encrypted. */
export enum FlowEncryption {
  /** TLS or HTTPS on this hop. */
  TLS = 'tls',
  /** Plain HTTP that only redirects to HTTPS (port 80 of an HTTPS load balancer). */
  REDIRECT = 'redirect',
  /** Plaintext the network sets up (an HTTP listener or target group, Service Connect without TLS, a TCP listener). */
  PLAINTEXT = 'plaintext',
  /** What the network cannot see: Cloud Map calls, egress on ports other than 443. */
  OPAQUE = 'opaque',
}

/** What carries a flow. */
export enum FlowCarrier {
  ALB_LISTENER = 'Application Load Balancer listener',
  ALB_TARGET_GROUP = 'Application Load Balancer target group',
  NLB_LISTENER = 'Network Load Balancer listener',
  NLB_TARGET_GROUP = 'Network Load Balancer target group',
  /** A VPC endpoint service in front of a Network Load Balancer. */
  PRIVATE_LINK = 'PrivateLink',
  SERVICE_CONNECT = 'Service Connect',
  CLOUD_MAP = 'Cloud Map',
  VPC_ENDPOINT = 'VPC endpoint',
  NAT = 'NAT',
  /** NAT, then AWS Network Firewall's domain allow-list between NAT and the internet gateway (`egressDomains`). */
  NETWORK_FIREWALL = 'Network Firewall',
  EGRESS_ONLY_INTERNET_GATEWAY = 'egress-only internet gateway',
  /** The VPC's route tables: a private destination over peering, a transit gateway or a VPN. */
  VPC_ROUTE = 'VPC route',
}

/** A setting of the network or a service, with what it causes and how to change it (for an error that names it). */
export interface FlowSetting {
  /** The prop path, for example `web.routing.protocol`. */
  readonly prop: string;
  /** What it causes, after the prop: `is HTTP: the load balancer sends plain HTTP to the tasks`. */
  readonly problem: string;
  readonly value: unknown;
  readonly fix: string;
}

/** `TCP 443`, `UDP 8000-8100`, `all`; the ports of several entries joined; `-` for none. */
export function portLabel(traffic: readonly FlowTraffic[]): string {
  if (traffic.length === 0) return '-';
  return traffic.map(t => {
    if (t.protocol === FlowProtocol.ALL) return 'all';
    const to = t.toPort ?? t.fromPort;
    return `${t.protocol} ${to !== t.fromPort ? `${t.fromPort}-${to}` : t.fromPort}`;
  }).join(', ');
}

/** Whether `traffic` carries `port` over TCP (TLS and TCP+UDP listeners are TCP too). */
export function carriesTcpPort(traffic: readonly FlowTraffic[], port: number): boolean {
  return traffic.some(t => t.protocol === FlowProtocol.ALL
    || (t.protocol !== FlowProtocol.UDP && t.fromPort !== undefined && t.fromPort <= port && port <= (t.toPort ?? t.fromPort)));
}

/** The transports of a flow's traffic, as network ACLs and security groups take them: TLS is TCP, TCP+UDP is both. */
export function transportsOf(traffic: FlowTraffic): ('TCP' | 'UDP')[] {
  switch (traffic.protocol) {
    case FlowProtocol.UDP: return ['UDP'];
    case FlowProtocol.TCP_UDP: return ['TCP', 'UDP'];
    default: return ['TCP'];
  }
}

/** One TCP port. */
export function tcp(port: number): FlowTraffic {
  return { protocol: FlowProtocol.TCP, fromPort: port };
}

/** The address family of the tasks' flows: IPv6 for IPv6-only tasks, else IPv4. */
export function taskFamily(ipv6OnlyTasks: boolean): AddressFamily {
  return ipv6OnlyTasks ? AddressFamily.IPV6 : AddressFamily.IPV4;
}

/** Whether a flow is encrypted, as the report says it (`encrypted: yes`). */
export function isEncrypted(flow: Flow): boolean {
  return flow.encryption === FlowEncryption.TLS;
}
