// The attachment slots of a draft: for each dossier component, what it takes, the files
// already stored (each with a remove button) and a plain multipart form to add more. Works
// with no JavaScript; with it, web/client/uploads.ts sends the same files by tus (resumable,
// with a progress bar) and adds each stored file to the list from the server's answer.
import type { FieldError } from '../../platform/errors';
import { formatDate } from '../../platform/format';
import { CsrfField, fieldId } from '../../web/components';
import type { DossierComponent } from '../catalogue';
import {
  acceptAttribute,
  acceptedKinds,
  type AttachmentSlot,
  DEFAULT_LIMITS,
  describeKinds,
  type DraftFile,
  formatFileSize,
  type Limits,
  slotField,
  toSlots,
} from './model';
import type { ReusableFile } from './store';
import { TUS_PATH } from './tus';

export const draftFilesPath = (draftId: string) => `/ho-so-nhap/${draftId}/tep`;
export const draftFilePath = (draftId: string, fileId: string) => `${draftFilesPath(draftId)}/${fileId}`;

export interface AttachmentSlotsProps {
  draftId: string;
  /** The procedure's components, or slots (a component with its index and whether a file is required online). */
  slots?: readonly AttachmentSlot[];
  components?: readonly DossierComponent[];
  files: readonly DraftFile[];
  csrfToken: string | (() => string);
  errors?: readonly FieldError[];
  limits?: Limits;
  /** Per slot index, the applicant's earlier files that the slot may take again. */
  reusable?: ReadonlyMap<number, readonly ReusableFile[]>;
}

export function AttachmentSlots(p: AttachmentSlotsProps) {
  const slots = toSlots(p.slots ?? p.components ?? []);
  const token = typeof p.csrfToken === 'function' ? p.csrfToken() : p.csrfToken;
  const limits = p.limits ?? DEFAULT_LIMITS;
  return (
    <div class="mc-attachments" data-attachments>
      {slots.map((slot) => (
        <Slot
          draftId={p.draftId}
          slot={slot}
          files={p.files.filter((f) => f.componentIndex === slot.index)}
          token={token}
          error={p.errors?.find((e) => e.field === slotField(slot.index))?.message}
          limits={limits}
          reusable={p.reusable?.get(slot.index) ?? []}
        />
      ))}
    </div>
  );
}

function Slot({
  draftId,
  slot,
  files,
  token,
  error,
  limits,
  reusable,
}: {
  draftId: string;
  slot: AttachmentSlot;
  files: DraftFile[];
  token: string;
  error: string | undefined;
  limits: Limits;
  reusable: readonly ReusableFile[];
}) {
  const kinds = acceptedKinds(slot.component);
  const id = fieldId(slotField(slot.index));
  const hint = `Nhận tệp ${describeKinds(kinds)}, tối đa ${formatFileSize(limits.maxFileBytes)} mỗi tệp. Giấy tờ nhiều trang: chọn nhiều ảnh cùng lúc, mỗi trang một ảnh.`;
  const headingId = `slot-${slot.index}-heading`;
  return (
    <section class="mc-attachment-slot" aria-labelledby={headingId} data-attachment-slot data-component-index={String(slot.index)}>
      <h2 class="govuk-heading-s" id={headingId}>
        <span safe>{slot.component.name}</span>{' '}
        <strong class={`govuk-tag ${slot.required ? 'govuk-tag--red' : 'govuk-tag--grey'}`}>{slot.required ? 'Bắt buộc' : 'Không bắt buộc'}</strong>
      </h2>
      {slot.component.note ? (
        <p class="govuk-body-s" safe>
          {slot.component.note}
        </p>
      ) : (
        ''
      )}
      <ul class="govuk-list mc-attachment-list" data-attachment-list aria-label={`Tệp đã đính kèm cho thành phần ${slot.component.name}`}>
        {files.map((f) => (
          <StoredFileItem draftId={draftId} file={f} token={token} />
        ))}
      </ul>
      {reusable.length > 0 ? <ReuseList draftId={draftId} slot={slot} files={reusable} token={token} /> : ''}
      <form
        method="post"
        enctype="multipart/form-data"
        action={draftFilesPath(draftId)}
        novalidate
        data-tus-endpoint={`${TUS_PATH}/`}
        data-draft-id={draftId}
        data-component-index={String(slot.index)}
        data-max-file-bytes={String(limits.maxFileBytes)}
      >
        <CsrfField token={token} />
        <input type="hidden" name="componentIndex" value={String(slot.index)} />
        <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`} data-upload-group>
          <label class="govuk-label" for={id}>
            Chọn tệp<span class="govuk-visually-hidden" safe>{` cho thành phần ${slot.component.name}`}</span>
          </label>
          <div id={`${id}-hint`} class="govuk-hint" safe>
            {hint}
          </div>
          {error ? (
            <p id={`${id}-error`} class="govuk-error-message" data-upload-error>
              <span class="govuk-visually-hidden">Lỗi:</span> <span safe>{error}</span>
            </p>
          ) : (
            ''
          )}
          <input
            class={`govuk-file-upload${error ? ' govuk-file-upload--error' : ''}`}
            id={id}
            name="files"
            type="file"
            multiple
            accept={acceptAttribute(kinds)}
            aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          />
        </div>
        <div class="mc-upload-progress" data-upload-progress hidden>
          <progress max="100" value="0"></progress> <span class="govuk-body-s" data-upload-status aria-live="polite"></span>
        </div>
        <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
          Tải lên<span class="govuk-visually-hidden" safe>{` tệp cho thành phần ${slot.component.name}`}</span>
        </button>
      </form>
    </section>
  );
}

/** The applicant's earlier files of this component: taken again with one press, no new scan. */
function ReuseList({ draftId, slot, files, token }: { draftId: string; slot: AttachmentSlot; files: readonly ReusableFile[]; token: string }) {
  return (
    <details class="govuk-details mc-reuse" open>
      <summary class="govuk-details__summary">
        <span class="govuk-details__summary-text">Giấy tờ đã có trong hệ thống ({files.length})</span>
      </summary>
      <div class="govuk-details__text">
        <ul class="govuk-list">
          {files.map((f) => (
            <li>
              {f.result ? (
                <>
                  <strong class="govuk-tag govuk-tag--green">Kết quả đã cấp</strong> <span safe>{f.result.title}</span>{' '}
                  <span class="govuk-body-s" safe>{`(${f.result.number ? `số ${f.result.number}, ` : ''}${f.result.issuerName} cấp ngày ${formatDate(f.createdAt)}, hồ sơ ${f.dossierCode})`}</span>
                </>
              ) : (
                <>
                  <span safe>{f.fileName}</span>{' '}
                  <span class="govuk-body-s" safe>{`(${formatFileSize(f.size)}, hồ sơ ${f.dossierCode}, ${formatDate(f.createdAt)})`}</span>
                </>
              )}{' '}
              <form method="post" action={`${draftFilesPath(draftId)}/dung-lai`} class="mc-inline-form">
                <CsrfField token={token} />
                <input type="hidden" name="componentIndex" value={String(slot.index)} />
                <input type="hidden" name="fileId" value={f.id} />
                <button type="submit" class="govuk-button govuk-button--secondary mc-button--small" data-module="govuk-button">
                  Dùng lại<span class="govuk-visually-hidden" safe>{` tệp ${f.fileName} cho thành phần ${slot.component.name}`}</span>
                </button>
              </form>
            </li>
          ))}
        </ul>
      </div>
    </details>
  );
}

/** One stored file: a link to download it, its size, and a remove button (its own small form). */
export function StoredFileItem({ draftId, file, token }: { draftId: string; file: Pick<DraftFile, 'id' | 'fileName' | 'size'>; token: string }) {
  return (
    <li class="mc-attachment" data-file-id={file.id}>
      <a class="govuk-link" href={draftFilePath(draftId, file.id)} safe>
        {file.fileName}
      </a>{' '}
      <span class="govuk-body-s" safe>{`(${formatFileSize(file.size)})`}</span>{' '}
      <form method="post" action={`${draftFilePath(draftId, file.id)}/xoa`} class="mc-inline-form">
        <CsrfField token={token} />
        <button type="submit" class="govuk-button govuk-button--warning mc-button--small" data-module="govuk-button">
          Xóa<span class="govuk-visually-hidden" safe>{` tệp ${file.fileName}`}</span>
        </button>
      </form>
    </li>
  );
}
