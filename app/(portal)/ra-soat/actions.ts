"use server";
import { formAction } from "@/lib/actions";
import { discardForm, resendForm } from "./forms";

export const resendAction = formAction(resendForm);
export const discardAction = formAction(discardForm);
