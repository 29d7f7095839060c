import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Construct } from 'constructs';
import { Discovery, EcsAdvancedNetwork, EcsAdvancedNetworkProps } from '../src';

/** The images of the example: public registry images, so that nothing needs Docker. */
export const IMAGES = {
  web: 'public.ecr.aws/nginx/nginx:stable',
  api: 'public.ecr.aws/docker/library/httpd:2.4',
  orders: 'public.ecr.aws/docker/library/httpd:2.4',
};

/**
 * The bundled example: `web` at `/*`, `api` at `/api/*`, and an internal `orders` service that
 * only `api` may call, by name, through Service Connect.
 */
export function buildExampleNetwork(scope: Construct, id = 'Network', props: EcsAdvancedNetworkProps = {}): EcsAdvancedNetwork {
  const network = new EcsAdvancedNetwork(scope, id, props);

  network.addService('web', {
    image: ecs.ContainerImage.fromRegistry(IMAGES.web),
    containerPort: 80,
    // nginx writes its cache, pid file and temporary files; everything else stays read-only
    writableDirectories: ['/var/cache/nginx', '/var/run', '/tmp'],
    routing: { pathPatterns: ['/*'] },
  });

  const orders = network.addService('orders', {
    image: ecs.ContainerImage.fromRegistry(IMAGES.orders),
    containerPort: 80,
    writableDirectories: ['/usr/local/apache2/logs'],
    discovery: Discovery.serviceConnect({ appProtocol: ecs.AppProtocol.http }),
  });

  const api = network.addService('api', {
    image: ecs.ContainerImage.fromRegistry(IMAGES.api),
    containerPort: 80,
    cpu: 512,
    memoryLimitMiB: 1024,
    writableDirectories: ['/usr/local/apache2/logs'],
    routing: {
      pathPatterns: ['/api/*'],
      healthCheck: { path: '/' },
    },
  });
  api.connectTo(orders);
  api.autoScale({ maxCapacity: 6, targetRequestsPerTarget: 500 });

  return network;
}
