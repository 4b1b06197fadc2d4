import { describe, expect, it } from "vitest";
import { SYNC_MESSAGES, syncIndicator } from "@/lib/method/sync";
import { feedbackIndicator } from "@/lib/method/feedback";

describe("METHOD §Đ dossier sync rate", () => {
  it("§Đ.1–Đ.2: denominator is the larger reported total; not-synced = 100 − rate", () => {
    const s = syncIndicator({ synced: 95, reportedNational: 110, reportedPortal: 104 });
    expect(s.denominator).toBe(110);
    expect(s.rate).toBeCloseTo((95 / 110) * 100, 12);
    expect(s.notSyncedRate).toBeCloseTo(100 - (95 / 110) * 100, 12);
    expect(s.message).toBeNull();
  });
  it("§Đ.3.1: no report → red message and no rate, checked before the others", () => {
    const s = syncIndicator({ synced: 0, reportedNational: 0, reportedPortal: 0 });
    expect(s.message).toBe(SYNC_MESSAGES.noReport);
    expect(s.message).toBe("Không có dữ liệu báo cáo tổng hợp");
    expect(s.rate).toBeNull();
  });
  it("§Đ.3.2: no synced dossier → 'Không có dữ liệu đồng bộ hồ sơ'", () => {
    const s = syncIndicator({ synced: 0, reportedNational: 10, reportedPortal: 0 });
    expect(s.message).toBe("Không có dữ liệu đồng bộ hồ sơ");
    expect(s.rate).toBe(0);
  });
  it("§Đ.3.3: numerator above denominator → warning, rate still shown", () => {
    const s = syncIndicator({ synced: 12, reportedNational: 10, reportedPortal: 8 });
    expect(s.message).toBe("Cảnh báo dữ liệu báo cáo không chính xác");
    expect(s.rate).toBe(120);
  });
  it("§Đ.2 [decision]: the not-synced rate is never below 0", () => {
    expect(syncIndicator({ synced: 12, reportedNational: 10, reportedPortal: 8 }).notSyncedRate).toBe(0);
  });
});

describe("METHOD §D feedback", () => {
  it("§D.1: shares of each class, undefined with none", () => {
    expect(feedbackIndicator({ total: 4, regulation: 1, conduct: 3 })).toMatchObject({
      regulationRate: 25,
      conductRate: 75,
    });
    expect(feedbackIndicator({ total: 0, regulation: 0, conduct: 0 }).regulationRate).toBeNull();
  });
});
