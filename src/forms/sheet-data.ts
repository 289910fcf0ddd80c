/**
 * What an output hands the Excel renderer, sheet by sheet: the types a form's `sheets` hook (the
 * survey's counts, the checklist's rows) and src/render/ share, so a form never imports the renderer.
 */
export type CellValue = string | number | undefined;

export interface SheetData {
  name: string;
  values: Record<string, CellValue>;
  /** Rows of each repeated table, by the table's name (`staff` for `{{staff.name}}`). */
  rows: Record<string, Array<Record<string, CellValue>>>;
  /** The photos its rows name (the sites form's 照片), for a sheet of their own after this one. */
  photos?: SheetPhotos;
}

/** A record's photos, station by station: paths relative to the records folder, as the record writes them. */
export interface SheetPhotos {
  /** The record they come from, named when a photo cannot go in. */
  file: string;
  /** The photo sheet's title: `五华区 站点照片（2026年11月26日）`. */
  title: string;
  stations: Array<{ name: string; paths: string[] }>;
}

export interface ExportRecord {
  file: string;
  values: Record<string, unknown>;
}

/** One line of the checklist (督导资料清单汇总表): a form and how many of its records the month holds. */
export interface TallyRow {
  no: number;
  form: string;
  name: string;
  count: number;
  files: string[];
}

export interface SheetContext {
  month: string;
  tally: readonly TallyRow[];
  /** kmsw.yaml's counties, in its order: the order of the county sheets. */
  counties: readonly string[];
  /** The period's group sessions by file name (`2026-11-20-五华区.yaml`): what a survey's 所评督导 names. */
  sessions?: ReadonlyMap<string, SessionName>;
}

/** A group session as a survey names it: its day, its county and its experts. */
export interface SessionName {
  date: string;
  county: string;
  experts: string[];
}

export interface ExcelOutput {
  /** The placeholders its template may use. */
  placeholders: string[];
  /** What a placeholder that is no field of a record shows, by the heading the form prints for it (问卷份数). */
  labels?: Readonly<Record<string, string>>;
  sheets(records: readonly ExportRecord[], ctx: SheetContext): SheetData[];
}
