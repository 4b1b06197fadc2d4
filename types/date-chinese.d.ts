declare module "date-chinese" {
  /** Lunisolar calendar at UTC+7 (date-chinese, MIT). */
  export class CalendarVietnamese {
    constructor(cycle?: number, year?: number, month?: number, leap?: boolean, day?: number);
    toGregorian(gregorianYear?: number): { year: number; month: number; day: number };
  }
}
