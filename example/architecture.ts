import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Construct } from 'constructs';
import { Discovery, EcsAdvancedNetwork, EcsAdvancedNetworkProps } from '../src';

/**
 * The image of the example services: a public registry image (nothing needs Docker) that runs as a
 * non-root user (101) on port 8080 and writes only to /tmp, so it works with a read-only root filesystem.
 */
export const IMAGE = 'public.ecr.aws/nginx/nginx-unprivileged:alpine';

/** The options every example service shares: the image, its port, its non-root user and its one writable path. */
export const NGINX = {
  image: ecs.ContainerImage.fromRegistry(IMAGE),
  containerPort: 8080,
  user: '101',
  writableDirectories: ['/tmp'],
};

/**
 * The bundled example: `web` at `/*`, `api` at `/api/*`, and an internal `orders` service that
 * only `api` may call, by name, through Service Connect.
 */
export function buildExampleNetwork(scope: Construct, id = 'Network', props: EcsAdvancedNetworkProps = {}): EcsAdvancedNetwork {
  const network = new EcsAdvancedNetwork(scope, id, props);

  network.addService('web', {
    ...NGINX,
    routing: { pathPatterns: ['/*'] },
  });

  const orders = network.addService('orders', {
    ...NGINX,
    discovery: Discovery.serviceConnect({ appProtocol: ecs.AppProtocol.http }),
  });

  const api = network.addService('api', {
    ...NGINX,
    cpu: 512,
    memoryLimitMiB: 1024,
    routing: {
      pathPatterns: ['/api/*'],
      healthCheck: { path: '/' },
    },
  });
  api.connectTo(orders);
  api.autoScale({ maxCapacity: 6, targetRequestsPerTarget: 500 });

  return network;
}
