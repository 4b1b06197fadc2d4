"use server";
import { formAction } from "@/lib/actions";
import { changePasswordForm } from "./forms";

export const changePasswordAction = formAction(changePasswordForm);
