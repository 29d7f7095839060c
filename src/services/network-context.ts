import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cloudmap from 'aws-cdk-lib/aws-servicediscovery';
import { Construct } from 'constructs';
import type { NetworkService } from './network-service';
import { NetworkEndpoints } from '../network/endpoints';
import { NetworkLayout } from '../network/vpc';
import { Router } from '../routing/router';

/** What a service needs from its network. Internal: not part of the public API. */
export interface NetworkContext {
  readonly networkPath: string;
  readonly cluster: ecs.Cluster;
  readonly layout: NetworkLayout;
  readonly endpoints: NetworkEndpoints;
  readonly serviceEndpoints: boolean;
  readonly loadBalancer?: elbv2.ApplicationLoadBalancer;
  readonly router?: Router;
  readonly cloudMapNamespace: cloudmap.INamespace;
  readonly logRetention: logs.RetentionDays;
  readonly logsEncryptionKey: kms.IKey;
  /** Reserves the service name and discovery name; throws when either is taken. */
  reserveNames(prop: string, name: string, discoveryName?: string): void;
  /** Records a service once it is built. */
  serviceAdded(service: NetworkService): void;
  /** The scope, in the network's own stack, of security-group rules between services of different stacks. */
  crossStackRules(): Construct;
  /** Declares that `caller` calls the service named `callee`, now or once it exists. */
  declareCall(caller: NetworkService, callee: string): void;
}
