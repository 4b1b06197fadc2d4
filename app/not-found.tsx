import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-md py-12 text-center">
      <h1 className="text-2xl font-semibold">Không tìm thấy</h1>
      <p className="mt-2 text-gray-600">
        Trang hoặc dữ liệu này không tồn tại, hoặc nằm ngoài phạm vi tài khoản của bạn.
      </p>
      <Link href="/" className="mt-4 inline-block text-blue-700 underline">
        Về trang chủ
      </Link>
    </div>
  );
}
