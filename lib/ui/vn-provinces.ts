/**
 * The 34 provincial units after NQ 202/2025/QH15, placed on a tile grid that keeps
 * their rough geography (north at the top), for a national map without geodata: the
 * geodata available on npm is linkware-licensed and omits the Hoàng Sa and Trường Sa
 * archipelagos, which a Vietnamese state portal must show (see docs/scale.md note).
 */
export const PROVINCE_TILES: Array<{ name: string; col: number; row: number }> = [
  { name: "Lai Châu", col: 1, row: 0 },
  { name: "Lào Cai", col: 2, row: 0 },
  { name: "Tuyên Quang", col: 3, row: 0 },
  { name: "Cao Bằng", col: 4, row: 0 },
  { name: "Điện Biên", col: 0, row: 1 },
  { name: "Sơn La", col: 1, row: 1 },
  { name: "Phú Thọ", col: 2, row: 1 },
  { name: "Thái Nguyên", col: 3, row: 1 },
  { name: "Lạng Sơn", col: 4, row: 1 },
  { name: "Hà Nội", col: 2, row: 2 },
  { name: "Bắc Ninh", col: 3, row: 2 },
  { name: "Quảng Ninh", col: 4, row: 2 },
  { name: "Ninh Bình", col: 2, row: 3 },
  { name: "Hưng Yên", col: 3, row: 3 },
  { name: "Hải Phòng", col: 4, row: 3 },
  { name: "Thanh Hóa", col: 2, row: 4 },
  { name: "Nghệ An", col: 2, row: 5 },
  { name: "Hà Tĩnh", col: 3, row: 6 },
  { name: "Quảng Trị", col: 3, row: 7 },
  { name: "Huế", col: 3, row: 8 },
  { name: "Đà Nẵng", col: 4, row: 9 },
  { name: "Quảng Ngãi", col: 4, row: 10 },
  { name: "Gia Lai", col: 4, row: 11 },
  { name: "Đắk Lắk", col: 4, row: 12 },
  { name: "Lâm Đồng", col: 3, row: 13 },
  { name: "Khánh Hòa", col: 4, row: 13 },
  { name: "Tây Ninh", col: 2, row: 14 },
  { name: "Đồng Nai", col: 3, row: 14 },
  { name: "An Giang", col: 0, row: 15 },
  { name: "Đồng Tháp", col: 1, row: 15 },
  { name: "Hồ Chí Minh", col: 2, row: 15 },
  { name: "Cà Mau", col: 0, row: 16 },
  { name: "Cần Thơ", col: 1, row: 16 },
  { name: "Vĩnh Long", col: 2, row: 16 },
];

/** The archipelagos, drawn beside the provinces they belong to. */
export const ARCHIPELAGOS = [
  { name: "Quần đảo Hoàng Sa (TP Đà Nẵng)", col: 6, row: 8 },
  { name: "Quần đảo Trường Sa (tỉnh Khánh Hòa)", col: 6, row: 13 },
];

/** The tile of a unit whose name contains a province's name ("UBND tỉnh Thái Nguyên"). */
export function tileOf(unitName: string) {
  return PROVINCE_TILES.find((p) => unitName.includes(p.name)) ?? null;
}
