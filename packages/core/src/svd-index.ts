export { enableSvd } from '@init/linalg/svd';
