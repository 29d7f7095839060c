import type { Duration } from 'aws-cdk-lib';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import * as cloudmap from 'aws-cdk-lib/aws-servicediscovery';
import { checkProps, optional, T } from '../private/prop-types';

/**
 * Options for `Discovery.serviceConnect()`.
 */
export interface ServiceConnectDiscoveryOptions {
  /**
   * The name callers use (`http://<discoveryName>:<port>`); DNS-safe and unique in the network.
   *
   * @default - the service name
   */
  readonly discoveryName?: string;

  /**
   * The port callers use.
   *
   * @default - the service's `containerPort`
   */
  readonly port?: number;

  /**
   * The application protocol, which lets Service Connect collect per-request metrics and retry.
   *
   * @default - TCP (no application protocol)
   */
  readonly appProtocol?: ecs.AppProtocol;

  /**
   * How long a connection may stay idle.
   *
   * @default - the Service Connect default (5 minutes for HTTP, HTTP2 and gRPC; 1 hour for TCP)
   */
  readonly idleTimeout?: Duration;

  /**
   * How long one request may take (HTTP, HTTP2 and gRPC only).
   *
   * @default - the Service Connect default (15 seconds)
   */
  readonly perRequestTimeout?: Duration;
}

/**
 * Options for `Discovery.cloudMap()`.
 */
export interface CloudMapDiscoveryOptions {
  /**
   * The DNS name in the namespace (`<discoveryName>.<namespace>`); DNS-safe and unique in the network.
   *
   * @default - the service name
   */
  readonly discoveryName?: string;

  /**
   * The DNS record type. `SRV` records carry the port.
   *
   * @default cloudmap.DnsRecordType.A
   */
  readonly dnsRecordType?: cloudmap.DnsRecordType;

  /**
   * The DNS record TTL.
   *
   * @default Duration.seconds(10)
   */
  readonly dnsTtl?: Duration;
}

/**
 * The discovery mechanisms of `Discovery`.
 */
export enum DiscoveryMode {
  /** ECS Service Connect. */
  SERVICE_CONNECT = 'serviceConnect',
  /** AWS Cloud Map DNS records. */
  CLOUD_MAP = 'cloudMap',
  /** No discovery. */
  NONE = 'none',
}

/**
 * How other services of the network find a service by name.
 */
export class Discovery {
  /**
   * ECS Service Connect: callers reach the service as `<discoveryName>:<port>` through the Service
   * Connect proxy, with retries, outlier detection and per-request metrics. The default for a service
   * with a `containerPort`.
   */
  public static serviceConnect(options: ServiceConnectDiscoveryOptions = {}): Discovery {
    checkProps('Discovery.serviceConnect(options)', options, 'ServiceConnectDiscoveryOptions', {
      discoveryName: optional(T.string),
      port: optional(T.number),
      appProtocol: optional(T.object('ecs.AppProtocol')),
      idleTimeout: optional(T.duration),
      perRequestTimeout: optional(T.duration),
    });
    return new Discovery(DiscoveryMode.SERVICE_CONNECT, options.discoveryName, options, undefined);
  }

  /**
   * AWS Cloud Map DNS: the service registers its tasks as records in the network's private DNS namespace.
   */
  public static cloudMap(options: CloudMapDiscoveryOptions = {}): Discovery {
    checkProps('Discovery.cloudMap(options)', options, 'CloudMapDiscoveryOptions', {
      discoveryName: optional(T.string),
      dnsRecordType: optional(T.enumOf('cloudmap.DnsRecordType', cloudmap.DnsRecordType)),
      dnsTtl: optional(T.duration),
    });
    return new Discovery(DiscoveryMode.CLOUD_MAP, options.discoveryName, undefined, options);
  }

  /**
   * No discovery: the service cannot be called by other services of the network.
   */
  public static none(): Discovery {
    return new Discovery(DiscoveryMode.NONE, undefined, undefined, undefined);
  }

  /**
   * The mechanism.
   */
  public readonly mode: DiscoveryMode;

  /**
   * The discovery name given, if any.
   */
  public readonly discoveryName?: string;

  /** @internal */
  public readonly _serviceConnect?: ServiceConnectDiscoveryOptions;
  /** @internal */
  public readonly _cloudMap?: CloudMapDiscoveryOptions;

  private constructor(mode: DiscoveryMode, discoveryName?: string, serviceConnect?: ServiceConnectDiscoveryOptions,
    cloudMapOptions?: CloudMapDiscoveryOptions) {
    this.mode = mode;
    this.discoveryName = discoveryName;
    this._serviceConnect = serviceConnect;
    this._cloudMap = cloudMapOptions;
  }
}
