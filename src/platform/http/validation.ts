// Route schemas are TypeBox; errors come out in Vietnamese and name the field.
// A property may carry 'x-message' (the whole sentence to show) or 'title' (its
// Vietnamese name, prefixed to TypeBox's vi_VN message).
import type { FastifySchemaCompiler } from 'fastify';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { Locale } from 'typebox/system';
import { Value } from 'typebox/value';
import type { FieldError } from '../errors';

Locale.Set(Locale.vi_VN);

interface TypeBoxError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message: string;
}

type SchemaNode = { properties?: Record<string, SchemaNode>; items?: SchemaNode; title?: string; 'x-message'?: string };

function subschema(schema: SchemaNode, path: string[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = schema;
  for (const part of path) {
    if (!node) return undefined;
    node = /^\d+$/.test(part) && node.items ? node.items : node.properties?.[part];
  }
  return node;
}

const typeNames: Record<string, string> = {
  integer: 'một số nguyên',
  number: 'một số',
  string: 'một chuỗi ký tự',
  boolean: 'đúng hoặc sai',
  object: 'một đối tượng',
  array: 'một danh sách',
};

/** Plainer Vietnamese than the library's generic wording for the common cases. */
function plain(e: TypeBoxError): string {
  const p = e.params;
  switch (e.keyword) {
    case 'type':
      return `phải là ${typeof p.type === 'string' ? (typeNames[p.type] ?? p.type) : 'giá trị đúng kiểu'}`;
    case 'minimum':
      return `phải lớn hơn hoặc bằng ${String(p.limit)}`;
    case 'maximum':
      return `phải nhỏ hơn hoặc bằng ${String(p.limit)}`;
    case 'minLength':
      return `phải có ít nhất ${String(p.limit)} ký tự`;
    case 'maxLength':
      return `không được dài quá ${String(p.limit)} ký tự`;
    case 'pattern':
    case 'format':
      return 'không đúng định dạng';
    case 'enum':
    case 'const':
    case 'anyOf':
      return 'không phải là giá trị được phép';
    default:
      return e.message;
  }
}

export function toFieldError(schema: SchemaNode, e: TypeBoxError): FieldError {
  const path = e.instancePath.split('/').filter(Boolean);
  if (e.keyword === 'required') {
    const missing = (e.params.requiredProperties as string[] | undefined)?.[0] ?? '';
    path.push(missing);
    const node = subschema(schema, path);
    return { field: path.join('.'), message: node?.['x-message'] ?? `Thiếu ${node?.title ?? `trường “${missing}”`}` };
  }
  const node = subschema(schema, path);
  const field = path.join('.');
  return {
    field,
    message: node?.['x-message'] ?? `${node?.title ?? (field ? `Trường “${field}”` : 'Dữ liệu')} ${plain(e)}`,
  };
}

export const validatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const check = Compile(schema);
  return (value: unknown) => {
    const converted = httpPart === 'body' ? value : Value.Convert(schema, value);
    if (check.Check(converted)) return { value: converted };
    const errors = (check.Errors(converted) as TypeBoxError[]).map((e) => {
      const fe = toFieldError(schema as SchemaNode, e);
      return { keyword: e.keyword, instancePath: e.instancePath, schemaPath: '', params: { field: fe.field }, message: fe.message };
    });
    const seen = new Set<string>();
    return { error: errors.filter((e) => !seen.has(e.params.field) && seen.add(e.params.field)) };
  };
};
