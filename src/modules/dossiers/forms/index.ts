// The standard forms of Thông tư 01/2018/TT-VPCP as PDF: pure functions of plain data.
// `mau0XDoc` gives the pdfmake document (for tests and previews), `renderMau0X` the PDF bytes.
export { DOTS, FORM_NUMBERINGS, useFormNumbering, type Applicant, type FormKind, type IssuingUnit } from './common';
export { mau01Doc, renderMau01, type Mau01Data, type ReceivedComponent } from './mau01';
export { mau02Doc, renderMau02, type Mau02Data, type SupplementItem } from './mau02';
export { mau03Doc, renderMau03, type Mau03Data } from './mau03';
export { mau04Doc, renderMau04, type Mau04Data } from './mau04';
export { mau05Doc, renderMau05, type HandoverRow, type Mau05Data, type StepResult } from './mau05';
export { mau06Doc, renderMau06, type LogbookRow, type Mau06Data } from './mau06';
export { renderResult, resultDoc, type ResultData } from './result';
