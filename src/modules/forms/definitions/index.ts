export { khaiSinh } from './khai-sinh';
export { thuongTru } from './thuong-tru';
export { generalRequestForm } from './general-request';
