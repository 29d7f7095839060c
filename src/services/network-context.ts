import type { Stack } from 'aws-cdk-lib';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as cloudmap from 'aws-cdk-lib/aws-servicediscovery';
import type { ServiceDeployment } from '../deployments/service-deployment';
import type { CrossStackCallRules } from '../discovery/declared-calls';
import type { ServiceConnectTls } from '../encryption/service-connect-tls';
import type { Ingress } from '../ingress/ingress';
import type { NetworkEndpoints } from '../network/endpoints';
import type { NetworkLayout } from '../network/vpc';
import type { NetworkLoadBalancer } from '../network-load-balancers/network-load-balancer';
import type { TaskEgress } from '../segmentation/task-egress';

/**
 * What a service and the capabilities build on, read from the network. Data only: a service joins
 * its network through the lifecycle (`network._lifecycle`). Internal: not part of the public API.
 */
export interface NetworkContext {
  readonly cluster: ecs.Cluster;
  readonly layout: NetworkLayout;
  readonly endpoints: NetworkEndpoints;
  /** Whether the network creates the endpoints its services need (`endpoints.serviceEndpoints`). */
  readonly serviceEndpoints: boolean;
  /** The load balancers and where routes go; undefined when the network has none. */
  readonly ingress?: Ingress;
  /** The Network Load Balancers, by name. */
  readonly networkLoadBalancers: ReadonlyMap<string, NetworkLoadBalancer>;
  readonly cloudMapNamespace: cloudmap.INamespace;
  readonly logRetention: logs.RetentionDays;
  readonly logsEncryptionKey: kms.IKey;
  /** The key of the log groups in a nested stack of services, where it has one of its own. */
  readonly stackLogsKeys: ReadonlyMap<Stack, kms.IKey>;
  readonly taskEgress: TaskEgress;
  /** Where the security-group rules of calls between services of different stacks go. */
  readonly crossStackRules: CrossStackCallRules;
  /** How services deploy unless they say otherwise. */
  readonly deployment: ServiceDeployment;
  /** Service Connect TLS and the plaintext switch (`encryptionInTransit`). */
  readonly serviceConnectTls: ServiceConnectTls;
}
