/* A KVM guest of seven bytes, for -e kvm=vcpu: it writes 'a' to port
 * 0x3f8 and halts, so KVM_RUN returns twice, for KVM_EXIT_IO and then
 * KVM_EXIT_HLT. The code sits where an x86 vCPU starts after reset
 * (CS base 0xffff0000, IP 0xfff0, real mode), so no register needs
 * setting. Exit 77 where there is no KVM or no x86 guest. */
#include <fcntl.h>
#include <linux/kvm.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#define SKIP 77

int main(void)
{
#if defined(__x86_64__)
	/* mov $0x3f8, %dx; mov $'a', %al; out %al, (%dx); hlt */
	static const unsigned char code[] = {0xba, 0xf8, 0x03, 0xb0, 'a', 0xee, 0xf4};
	int kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm < 0 || ioctl(kvm, KVM_GET_API_VERSION, 0) != KVM_API_VERSION)
		return SKIP;
	/* capabilities by name; one no kernel has */
	ioctl(kvm, KVM_CHECK_EXTENSION, KVM_CAP_USER_MEMORY);
	ioctl(kvm, KVM_CHECK_EXTENSION, 0x7777);
	int vm = ioctl(kvm, KVM_CREATE_VM, 0);
	ioctl(vm, KVM_CHECK_EXTENSION, KVM_CAP_NR_VCPUS);
	unsigned char *mem =
	    mmap(NULL, 0x10000, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (vm < 0 || mem == MAP_FAILED)
		return SKIP;
	memcpy(mem + 0xfff0, code, sizeof(code));
	struct kvm_userspace_memory_region region = {.guest_phys_addr = 0xffff0000,
	                                             .memory_size = 0x10000,
	                                             .userspace_addr = (unsigned long)mem};
	int vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
	int size = ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (ioctl(vm, KVM_SET_USER_MEMORY_REGION, &region) != 0 || vcpu < 0 || size <= 0)
		return SKIP;
	struct kvm_run *run = mmap(NULL, (size_t)size, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu, 0);
	if (run == MAP_FAILED)
		return SKIP;
	for (int i = 0; i < 8; i++) {
		if (ioctl(vcpu, KVM_RUN, NULL) != 0)
			return 1;
		if (run->exit_reason == KVM_EXIT_HLT)
			return 0;
		if (run->exit_reason == KVM_EXIT_IO)
			printf("%c", *((char *)run + run->io.data_offset));
	}
	return 1;
#else
	return SKIP;
#endif
}
