"use client";

export default function PortalError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="mx-auto max-w-md py-12 text-center" role="alert">
      <h1 className="text-2xl font-semibold">Không tải được trang</h1>
      <p className="mt-2 text-gray-600">
        Đã có lỗi khi tính số liệu. Vui lòng thử lại; nếu vẫn lỗi, báo cho quản trị viên.
      </p>
      <button type="button" onClick={reset} className="mt-4 rounded bg-red-700 px-4 py-2 text-white">
        Thử lại
      </button>
    </div>
  );
}
