export { khaiSinh } from './khai-sinh';
export { thuongTru } from './thuong-tru';
