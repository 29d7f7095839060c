import { Duration } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as cloudmap from 'aws-cdk-lib/aws-servicediscovery';
import type { Discovery } from './discovery';
import { DiscoveryMode } from './discovery';
import { DNS_LABEL, invalidProp, requireIntegerInRange } from '../private/validation';

/** The Cloud Map defaults, in one place: the `@default` of `CloudMapDiscoveryOptions` says the same. */
export const CLOUD_MAP_DEFAULTS = {
  dnsRecordType: cloudmap.DnsRecordType.A,
  dnsTtl: Duration.seconds(10),
} as const;

/** The application protocols whose requests Service Connect sees (and can time out one by one). */
const REQUEST_PROTOCOLS = ['http', 'http2', 'grpc'];

/** Validates a service's discovery against its port; `prop` is the service's prop path. */
export function validateDiscovery(prop: string, discovery: Discovery, discoveryName: string | undefined, containerPort: number | undefined): void {
  if (discoveryName !== undefined && !DNS_LABEL.test(discoveryName)) {
    throw invalidProp(`${prop}.discovery.discoveryName`, 'must be DNS-safe: lower-case letters, digits and hyphens, not starting or ending with a hyphen, at most 63 characters (a DNS label)',
      discoveryName, 'Choose a name such as `orders`.');
  }
  if (discovery.mode === DiscoveryMode.SERVICE_CONNECT && containerPort === undefined) {
    throw invalidProp(`${prop}.discovery`, 'is Service Connect, which publishes a port, but the service has no `containerPort`', discovery.mode,
      'Set `containerPort`, or use `Discovery.none()` (a service without a port can still call others).');
  }
  requireIntegerInRange(`${prop}.discovery.port`, discovery._serviceConnect?.port, 1, 65535);
  const sc = discovery._serviceConnect;
  const protocol = sc?.appProtocol?.value;
  if (sc?.perRequestTimeout && !REQUEST_PROTOCOLS.includes(protocol ?? 'tcp')) {
    throw invalidProp(`${prop}.discovery.perRequestTimeout`, 'only applies to HTTP, HTTP/2 and gRPC endpoints', `appProtocol ${protocol ?? 'TCP (none)'}`,
      'Set `appProtocol` to `ecs.AppProtocol.http`, `http2` or `grpc`, or remove `perRequestTimeout`.');
  }
  if (discovery._cloudMap?.dnsRecordType === cloudmap.DnsRecordType.SRV && containerPort === undefined) {
    throw invalidProp(`${prop}.discovery.dnsRecordType`, 'is SRV, which carries a port, but the service has no `containerPort`', 'SRV',
      'Set `containerPort`, or use A records.');
  }
  const recordType = discovery._cloudMap?.dnsRecordType;
  if (recordType !== undefined && recordType !== cloudmap.DnsRecordType.A && recordType !== cloudmap.DnsRecordType.SRV) {
    throw invalidProp(`${prop}.discovery.dnsRecordType`, 'must be A or SRV for an ECS service', recordType, 'Use `cloudmap.DnsRecordType.A` or `SRV`.');
  }
}

/** The Cloud Map registration of a service with `Discovery.cloudMap()`, else undefined. */
export function cloudMapOptionsOf(discovery: Discovery, namespace: cloudmap.INamespace, discoveryName: string | undefined,
  containerPort: number | undefined): ecs.CloudMapOptions | undefined {
  const cm = discovery._cloudMap;
  if (!cm) return undefined;
  const recordType = cm.dnsRecordType ?? CLOUD_MAP_DEFAULTS.dnsRecordType;
  return {
    cloudMapNamespace: namespace,
    name: discoveryName,
    dnsRecordType: recordType as cloudmap.DnsRecordType.A | cloudmap.DnsRecordType.SRV,
    dnsTtl: cm.dnsTtl ?? CLOUD_MAP_DEFAULTS.dnsTtl,
    containerPort: recordType === cloudmap.DnsRecordType.SRV ? containerPort : undefined,
  };
}

/** How a service takes part in Service Connect. */
export interface ServiceConnectProps {
  readonly namespace: cloudmap.INamespace;
  /** The group of the proxy's logs (the service's own). */
  readonly logGroup: logs.ILogGroup;
  /** The endpoint the service publishes, when it is a server; undefined for a client only. */
  readonly server?: {
    readonly portMappingName: string;
    readonly discoveryName: string;
    readonly port: number;
    readonly discovery: Discovery;
  };
  /** More endpoints the service publishes: its discoverable named ports. */
  readonly namedPorts?: { readonly portMappingName: string; readonly discoveryName: string; readonly port: number }[];
  /** The TLS of the endpoints the service publishes; undefined for plaintext. */
  readonly tls?: ecs.ServiceConnectTlsConfiguration;
}

/** Turns Service Connect on for `service`: as a server publishing its port, or as a client only. */
export function enableServiceConnect(service: ecs.FargateService, props: ServiceConnectProps): void {
  const server = props.server;
  const sc = server?.discovery._serviceConnect ?? {};
  service.enableServiceConnect({
    namespace: props.namespace.namespaceArn,
    logDriver: ecs.LogDrivers.awsLogs({ logGroup: props.logGroup, streamPrefix: 'service-connect' }),
    services: server ? [{
      portMappingName: server.portMappingName,
      discoveryName: server.discoveryName,
      dnsName: server.discoveryName,
      port: sc.port ?? server.port,
      idleTimeout: sc.idleTimeout,
      perRequestTimeout: sc.perRequestTimeout,
      tls: props.tls,
    }, ...(props.namedPorts ?? []).map(p => ({ ...p, dnsName: p.discoveryName, tls: props.tls }))] : undefined,
  });
}

/** The Service Connect name of a discoverable named port. */
export function portDiscoveryName(discoveryName: string, port: { readonly name: string }): string {
  return `${discoveryName}-${port.name}`;
}
