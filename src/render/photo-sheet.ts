/**
 * A county's photos on a sheet of their own, after its table (照片-五华区): each station's name,
 * then its photos two abreast, each 8 cm wide with its file name under it, so that a printed page
 * shows what the photo shows. (Thumbnails anchored in the table's 照片 cell were tried too: at the
 * table's row size they print 2 cm wide, too small to read a door plate, and a station with three
 * photos made its row three times as tall as the others.)
 *
 * A photo that cannot go in (unreadable, too large, not a JPEG or PNG) keeps its place: its file
 * name and why, in its caption, and `onProblem` tells export, which names it.
 */
import type ExcelJSType from 'exceljs';
import type { SheetPhotos } from '../forms/sheet-data.js';
import { msg } from '../i18n.js';
import { loadPhoto } from './photos.js';

/** Two columns of 46 units (about 8.4 cm each): an A4 page, portrait, with its margins. */
const COLUMN = 46;
/** A photo's box in pixels (96 dpi): 8 cm wide, 6 cm tall. */
const BOX = { width: 300, height: 225 };
const PT_PER_PX = 0.75;

export interface PhotoProblem {
  file: string;
  photo: string;
  message: string;
}

const posix = (p: string) => p.replace(/\\/g, '/');
const baseName = (p: string) => posix(p).split('/').pop()!;

function sheetTitle(ws: ExcelJSType.Worksheet, text: string): void {
  ws.mergeCells(1, 1, 1, 2);
  const title = ws.getCell(1, 1);
  title.value = text;
  title.font = { name: 'SimSun', size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 32;
}

/** Two photos side by side on row `row`, their captions on the next; returns the row after them. */
function photoPair(
  wb: ExcelJSType.Workbook,
  ws: ExcelJSType.Worksheet,
  row: number,
  pair: string[],
  root: string,
  problem: (photo: string, message: string) => void,
): number {
  let placed = 0;
  pair.forEach((rel, i) => {
    const photo = loadPhoto(root, rel);
    const caption = ws.getCell(row + 1, i + 1);
    caption.font = { name: 'SimSun', size: 10 };
    caption.alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
    if (!photo.ok) {
      problem(rel, photo.message);
      caption.value = msg().photos.leftOutCaption(baseName(rel), photo.message);
      return;
    }
    caption.value = baseName(rel);
    const scale = Math.min(BOX.width / photo.width, BOX.height / photo.height);
    const ext = { width: Math.round(photo.width * scale), height: Math.round(photo.height * scale) };
    const id = wb.addImage({ buffer: photo.jpeg as unknown as ExcelJSType.Buffer, extension: 'jpeg' });
    // At its cell's left, above its caption (LibreOffice places an anchor's column offset at 0).
    ws.addImage(id, { tl: { col: i, row: row - 1 + 0.03 }, ext, editAs: 'oneCell' });
    placed++;
  });
  // As tall as a photo; a pair of which none could go in leaves no empty frame, only its captions.
  ws.getRow(row).height = placed > 0 ? BOX.height * PT_PER_PX + 8 : 8;
  ws.getRow(row + 1).height = 30;
  return row + 2;
}

/** The sheet of a county's photos, station by station; nothing when no station names a photo. */
export function addPhotoSheet(
  wb: ExcelJSType.Workbook,
  name: string,
  photos: SheetPhotos,
  root: string,
  onProblem: (p: PhotoProblem) => void,
): void {
  const stations = photos.stations.filter((s) => s.paths.length > 0);
  if (stations.length === 0) return;
  const ws = wb.addWorksheet(name, {
    pageSetup: {
      paperSize: 9,
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
  });
  ws.getColumn(1).width = COLUMN;
  ws.getColumn(2).width = COLUMN;
  sheetTitle(ws, photos.title);
  let row = 2;
  for (const station of stations) {
    ws.mergeCells(row, 1, row, 2);
    const head = ws.getCell(row, 1);
    head.value = station.name;
    head.font = { name: 'SimSun', size: 12, bold: true };
    head.alignment = { vertical: 'bottom' };
    ws.getRow(row).height = 26;
    row++;
    for (let i = 0; i < station.paths.length; i += 2) {
      const problem = (photo: string, message: string) => onProblem({ file: photos.file, photo, message });
      row = photoPair(wb, ws, row, station.paths.slice(i, i + 2), root, problem);
    }
  }
}
