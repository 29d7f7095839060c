import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cloudmap from 'aws-cdk-lib/aws-servicediscovery';
import type { ServiceDeployment } from '../deployments/service-deployment';
import { CrossStackCallRules } from '../discovery/declared-calls';
import type { Ingress } from '../ingress/ingress';
import { NetworkEndpoints } from '../network/endpoints';
import { NetworkLayout } from '../network/vpc';
import { TaskEgress } from '../segmentation/task-egress';

/**
 * What a service builds on, read from its network. Data only: a service joins its network through
 * one call, `network._linkService()`. Internal: not part of the public API.
 */
export interface NetworkContext {
  readonly cluster: ecs.Cluster;
  readonly layout: NetworkLayout;
  readonly endpoints: NetworkEndpoints;
  /** Whether the network creates the endpoints its services need (`endpoints.serviceEndpoints`). */
  readonly serviceEndpoints: boolean;
  /** The load balancers and where routes go; undefined when the network has none. */
  readonly ingress?: Ingress;
  readonly cloudMapNamespace: cloudmap.INamespace;
  readonly logRetention: logs.RetentionDays;
  readonly logsEncryptionKey: kms.IKey;
  readonly taskEgress: TaskEgress;
  /** Where the security-group rules of calls between services of different stacks go. */
  readonly crossStackRules: CrossStackCallRules;
  /** How services deploy unless they say otherwise. */
  readonly deployment: ServiceDeployment;
}
