/*
 * Guest entry, per the Memscope guest ABI (DESIGN.md): the VMM enters here in 64-bit long mode with
 * paging on, RSP at the top of RAM (16-byte aligned) and RDI pointing at the boot-info block.
 * main(boot_info) returns the exit code, which goes to port 0xF4; the run ends there.
 */
	.section .text.start, "ax"
	.globl _start
	.type _start, @function
_start:
	xor	%ebp, %ebp
	and	$-16, %rsp
	call	guest_main_entry	/* rdi still holds the boot-info pointer */
	mov	%eax, %edi
	call	guest_exit
1:	hlt
	jmp	1b
	.size _start, . - _start
